// Uppladdning: upload a workbook for a county and year, show the findings at once, list the county's uploads.
'use strict';

(() => {
  const { el, clear, api, problemText, saveResponse, table, formatNumber, formatTime } = PoWeb;
  const form = document.getElementById('uppladdning');
  const countySelect = document.getElementById('lan');
  const yearInput = document.getElementById('ar');
  const fileInput = document.getElementById('fil');
  const dropZone = document.getElementById('slappyta');
  const chosen = document.getElementById('valdfil');
  const submit = document.getElementById('skicka');
  const templateLink = document.getElementById('mall');
  const result = document.getElementById('resultat');
  const countyPanel = document.getElementById('lanet');
  const keyField = document.getElementById('nyckelfalt');
  const keyInput = document.getElementById('lansnyckel');
  const receivedInput = document.getElementById('mottagen');
  let counties = [];
  let keyRequired = false;
  const keyName = county => `pointake-lansnyckel-${county}`;
  const countyKeyHeader = key => (keyRequired && key ? { 'x-pointake-county-key': key } : {});
  let droppedFile = null;

  const outcomeTexts = {
    Accepted: ['Godkänd', 'accepted'],
    AcceptedWithWarnings: ['Godkänd med varningar', 'warnings'],
    Rejected: ['Avvisad', 'rejected'],
    Failed: ['Kunde inte granskas', 'rejected'],
  };
  const uploadOutcomeTexts = { Accepted: 'Godkänd', Rejected: 'Avvisad', Failed: 'Misslyckades', Pending: 'Väntar' };

  const currentFile = () => droppedFile || fileInput.files[0] || null;

  function showChosen() {
    const file = currentFile();
    chosen.textContent = file ? `Vald fil: ${file.name}` : '';
  }

  fileInput.addEventListener('change', () => { droppedFile = null; showChosen(); });
  for (const name of ['dragenter', 'dragover']) {
    dropZone.addEventListener(name, event => { event.preventDefault(); dropZone.classList.add('over'); });
  }
  for (const name of ['dragleave', 'drop']) {
    dropZone.addEventListener(name, () => dropZone.classList.remove('over'));
  }
  dropZone.addEventListener('drop', event => {
    event.preventDefault();
    const file = event.dataTransfer && event.dataTransfer.files[0];
    if (file) {
      droppedFile = file;
      showChosen();
    }
  });

  function updateTemplateLink() {
    const year = Number(yearInput.value);
    templateLink.href = `/api/template/${year}`;
    templateLink.textContent = `Ladda ner tom mall för ${year}`;
  }

  function showMessage(kind, title, text) {
    clear(result).append(el('div', { class: `status ${kind}`, role: kind === 'error' ? 'alert' : null },
      el('p', { class: 'outcome', text: title }),
      text ? el('p', { text }) : null));
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const file = currentFile();
    const year = Number(yearInput.value);
    if (!countySelect.value || !Number.isInteger(year) || year < 2000 || year > 2100) {
      showMessage('error', 'Välj län och ett redovisningsår', 'Året skrivs med fyra siffror, till exempel 2025.');
      return;
    }
    if (!file) {
      showMessage('error', 'Ingen fil vald', 'Välj arbetsboken (.xlsx) eller dra den till ytan.');
      fileInput.focus();
      return;
    }
    const countyKey = keyInput.value.trim();
    if (keyRequired && !countyKey) {
      showMessage('error', 'Länets nyckel saknas', 'Skriv in er länsstyrelses nyckel.');
      keyInput.focus();
      return;
    }
    const county = countySelect.value;
    // The day the county board received the report (yyyy-MM-dd; empty = today); checked by the service (RECEIVED_ON_*).
    const receivedOn = receivedInput.value;
    submit.disabled = true;
    showMessage('', 'Granskar…', `${file.name} laddas upp och granskas.`);
    try {
      // The file name travels in a header, URL-encoded: query strings end up in request telemetry.
      const query = receivedOn ? `?receivedOn=${encodeURIComponent(receivedOn)}` : '';
      const response = await api(`reports/${year}/${county}${query}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'x-pointake-file-name': encodeURIComponent(file.name),
          ...countyKeyHeader(countyKey),
        },
        body: file,
      });
      if (keyRequired) {
        // A key the service accepted is kept for this county for the rest of the tab's session; a refused one is not.
        if (response.status === 403) sessionStorage.removeItem(keyName(county));
        else sessionStorage.setItem(keyName(county), countyKey);
      }
      if (response.status === 200 || response.status === 422) {
        showResult(await response.json(), file.name);
      } else {
        showMessage('error', 'Uppladdningen misslyckades', await problemText(response));
      }
    } catch {
      showMessage('error', 'Uppladdningen misslyckades', 'Tjänsten kunde inte nås. Försök igen om en stund.');
    } finally {
      submit.disabled = false;
      result.focus();
      loadCounty();
    }
  });

  function showResult(answer, fileName) {
    const outcome = answer.outcome === 'Accepted' && answer.warningCount > 0 ? 'AcceptedWithWarnings' : answer.outcome;
    const [title, kind] = outcomeTexts[outcome] || [String(answer.outcome), 'error'];
    const summary = answer.outcome === 'Accepted'
      ? `${fileName} är mottagen och räknas in i sammanställningen.`
      : `${fileName} är inte mottagen. Rätta felen nedan och ladda upp filen igen.`;
    const box = el('div', { class: `status ${kind}`, id: 'utfall', 'data-outcome': outcome },
      el('p', { class: 'outcome', text: title }),
      el('p', { text: summary }),
      el('p', { text: `${formatNumber(answer.errorCount)} fel, ${formatNumber(answer.warningCount)} varningar.` }),
      answer.receivedOn ? el('p', { id: 'mottagendag', text: `Mottagen av länsstyrelsen: ${answer.receivedOn}.` }) : null);
    clear(result).append(box);
    const findings = answer.findings || [];
    if (findings.length === 0) return;

    const download = el('button', { type: 'button', class: 'secondary', id: 'laddanersynpunkter', text: 'Ladda ner synpunkterna (.xlsx)' });
    download.addEventListener('click', async () => {
      const response = await api('web/findings', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(answer) });
      if (response.ok) await saveResponse(response, 'synpunkter.xlsx');
      else showMessage('error', 'Nedladdningen misslyckades', await problemText(response));
    });
    result.append(el('h2', { text: 'Synpunkter' }), download);

    // Grouped by sheet (whole-file findings first), then errors before warnings.
    const bySheet = new Map();
    for (const finding of findings) {
      const sheet = finding.sheet || '';
      if (!bySheet.has(sheet)) bySheet.set(sheet, []);
      bySheet.get(sheet).push(finding);
    }
    const sheets = [...bySheet.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : 0));
    for (const sheet of sheets) {
      const section = el('section', { class: 'flik', 'data-sheet': sheet },
        el('h3', { text: sheet ? `Flik: ${sheet}` : 'Hela filen' }));
      for (const [severity, label] of [['Error', 'Fel'], ['Warning', 'Varningar']]) {
        const items = bySheet.get(sheet).filter(f => f.severity === severity);
        if (items.length === 0) continue;
        section.append(el('table', { class: `synpunkter ${severity === 'Error' ? 'fel' : 'varningar'}` },
          el('caption', { text: `${label} (${items.length})` }),
          el('thead', {}, el('tr', {}, ['Cell', 'Meddelande', 'Så rättar du', 'Kod'].map(h => el('th', { scope: 'col', text: h })))),
          el('tbody', {}, items.map(f => el('tr', { 'data-code': f.code },
            el('td', { class: 'cell', text: f.cell || '–' }),
            el('td', { class: 'meddelande', text: f.message }),
            el('td', { class: 'rattning', text: f.fix }),
            el('td', { class: 'kod', text: f.code }))))));
      }
      result.append(section);
    }
  }

  async function loadCounty() {
    const year = Number(yearInput.value);
    const county = counties.find(c => c.code === countySelect.value);
    if (!county || !Number.isInteger(year) || year < 2000 || year > 2100) return;
    // A county board sees only its own county (GET /api/status/{year}/{county} with its key).
    const countyKey = keyInput.value.trim();
    if (keyRequired && !countyKey) {
      clear(countyPanel).append(el('p', { text: 'Skriv in länets nyckel för att se länets uppladdningar och vilka kommuner som saknas.' }));
      return;
    }
    const response = await api(`status/${year}/${county.code}`, { headers: countyKeyHeader(countyKey) });
    if (!response.ok) {
      clear(countyPanel).append(el('p', { text: await problemText(response) }));
      return;
    }
    const status = (await response.json()).county;
    const covered = new Set((status ? status.covered : []).map(m => m.code));
    const notCovered = county.municipalities.filter(m => !covered.has(m.code));
    const uploads = status ? status.uploads : [];
    clear(countyPanel).append(...[
      el('p', { text: `${county.name} ${year}: ${formatNumber(covered.size)} av ${formatNumber(county.municipalities.length)} kommuner har redovisat.` }),
      uploads.length === 0
        ? el('p', { text: 'Inga uppladdningar ännu.' })
        : el('table', { id: 'uppladdningar' },
          el('caption', { text: `Uppladdningar ${year}` }),
          el('thead', {}, el('tr', {}, ['Fil', 'Verksamhet', 'Mottagen av länsstyrelsen', 'Uppladdad', 'Utfall', 'Fel', 'Varningar'].map(h => el('th', { scope: 'col', text: h })))),
          el('tbody', {}, uploads.map(u => el('tr', {},
            el('td', { text: u.blobName.split('/').pop() }),
            el('td', { text: u.operationName || '–' }),
            el('td', { text: u.receivedOn || '–' }),
            el('td', { text: formatTime(u.receivedAt) }),
            el('td', { text: uploadOutcomeTexts[u.outcome] || u.outcome }),
            el('td', { class: 'num', text: formatNumber(u.errorCount) }),
            el('td', { class: 'num', text: formatNumber(u.warningCount) }))))),
      el('h3', { text: 'Kommuner som inte har redovisat' }),
      notCovered.length === 0
        ? el('p', { text: 'Alla kommuner i länet har redovisat.' })
        : el('ul', { class: 'plain', id: 'saknas' }, notCovered.map(m => el('li', { text: m.name }))),
      status && status.missingFromPreviousYear.length > 0
        ? el('p', { text: `Erbjöd personligt ombud förra året men saknas i år: ${status.missingFromPreviousYear.map(m => m.name).join(', ')}.` })
        : null,
      // Overlapping coverage (COVERAGE_OVERLAP): the report accepted first learns of the later one here.
      status && status.overlaps && status.overlaps.length > 0
        ? el('p', { id: 'overlappning', text: `Kommuner som finns i flera verksamheters redovisningar (de räknas en gång): ${status.overlaps.map(o => `${o.municipalityName} (${o.reports.map(r => r.operationName || r.operationKey).join(', ')})`).join('; ')}.` })
        : null,
      status && status.obligations ? owedReports(status.obligations, year) : null,
    ].filter(Boolean));
    await countyTables(year, county, countyKey);
  }

  // The county's own tables (GET /api/totals/{year}/{county} with the county's key): what the county board otherwise
  // builds by hand for its own report, by gender and age, with the national export's suppression in the xlsx.
  async function countyTables(year, county, countyKey) {
    const [response, labelsResponse] = await Promise.all([
      api(`totals/${year}/${county.code}`, { headers: countyKeyHeader(countyKey) }),
      fetch('/api/web/labels.json'),
    ]);
    if (response.status === 404 || !labelsResponse.ok) return;
    if (!response.ok) {
      countyPanel.append(el('p', { text: await problemText(response) }));
      return;
    }
    const totals = await response.json();
    const { gender, ageGroup } = await labelsResponse.json();
    const clients = totals.clients;
    const followUp = totals.followUp;
    const download = async format => {
      const file = await api(`totals/${year}/${county.code}?format=${format}`, { headers: countyKeyHeader(countyKey) });
      if (file.ok) await saveResponse(file, `personligt-ombud-${county.code}-${year}.${format}`);
    };
    const xlsx = el('button', { type: 'button', class: 'secondary', id: 'lanxlsx', text: 'Ladda ner länets tabeller (.xlsx)' });
    const csv = el('button', { type: 'button', class: 'secondary', id: 'lancsv', text: 'Ladda ner länets data (.csv)' });
    xlsx.addEventListener('click', () => download('xlsx'));
    csv.addEventListener('click', () => download('csv'));
    countyPanel.append(el('section', { id: 'lanetstabeller' },
      el('h3', { text: `Länets tabeller ${year}` }),
      el('dl', { class: 'headline' },
        ...[['lt-klienter', 'Klienter', clients.total], ['lt-nya', 'Nya klienter', clients.new], ['lt-ombud', 'Personliga ombud', totals.ombud.total],
          ['lt-verksamheter', 'Verksamheter', totals.operations], ['lt-kommuner', 'Kommuner med personligt ombud', totals.municipalities.offeringPo]]
          .map(([id, label, value]) => el('div', {}, el('dt', { text: label }), el('dd', { id, 'data-value': String(value), text: formatNumber(value) })))),
      table(`Klienter efter kön och ålder ${year}`, ['Kön', ...ageGroup.map(a => a.label), 'Totalt'],
        gender.map(g => [g.label, ...ageGroup.map(a => clients.byGenderAndAgeGroup[g.id][a.id]), clients.byGender[g.id]])),
      followUp && followUp.operationsAnswering > 0
        ? el('p', { id: 'lt-uppfoljning', text: `Uppföljning (${formatNumber(followUp.operationsAnswering)} verksamheter): ${formatNumber(followUp.newClientsBySource.otherAuthority)} nya klienter hänvisade av annan myndighet, ${formatNumber(followUp.ombudNewlyHired)} nyanställda ombud.` })
        : null,
      el('p', { class: 'downloads' }, xlsx, csv)));
  }

  // Reports owed vs received (status.obligations, docs/api.md): by the county's grant register, else last year's reports.
  function owedReports(obligations, year) {
    const section = el('section', { id: 'skyldiga', 'data-rule': obligations.rule },
      el('h3', { text: `Rapporter som ska lämnas för ${year}` }),
      el('p', { class: 'hint', text: obligations.ruleText }),
      el('p', { text: `${formatNumber(obligations.received)} av ${formatNumber(obligations.owed)} har kommit in, ${formatNumber(obligations.missing)} saknas.` }));
    if (obligations.reports.length > 0) {
      section.append(el('table', { id: 'skyldigarapporter' },
        el('caption', { text: 'Rapporter som ska lämnas' }),
        el('thead', {}, el('tr', {}, ['Verksamhet', 'Kommuner', 'Beviljat statsbidrag (kr)', 'Rapport'].map(h => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, obligations.reports.map(r => el('tr', { 'data-received': r.received ? 'ja' : 'nej' },
          el('td', { text: r.operationName }),
          el('td', { text: r.municipalities.map(m => m.name).join(', ') || '–' }),
          el('td', { class: 'num', text: formatNumber(r.grantedSek) }),
          el('td', { class: 'rapport', text: !r.received ? 'Saknas' : r.receivedAs.includes(r.operationKey) ? 'Har kommit in' : 'Har kommit in under annat namn' }))))));
    }
    if (obligations.rule === 'grantRegister' && obligations.receivedNotOwed.length > 0) {
      section.append(el('p', { id: 'utanforregistret', text: `Rapporter från verksamheter som inte finns i bidragsregistret: ${obligations.receivedNotOwed.map(r => r.operationName).join(', ')}.` }));
    }
    return section;
  }

  async function start() {
    counties = await PoWeb.counties();
    for (const county of counties) countySelect.append(el('option', { value: county.code, text: `${county.name} (${county.code})` }));
    countySelect.prepend(el('option', { value: '', text: 'Välj län' }));
    countySelect.value = '';
    yearInput.value = String(new Date().getFullYear() - 1);
    updateTemplateLink();
    keyRequired = await PoWeb.roleKeysRequired();
    keyField.hidden = !keyRequired;
    yearInput.addEventListener('change', () => { updateTemplateLink(); loadCounty(); });
    countySelect.addEventListener('change', () => {
      if (keyRequired) keyInput.value = sessionStorage.getItem(keyName(countySelect.value)) || '';
      loadCounty();
    });
    keyInput.addEventListener('change', loadCounty);
  }

  start();
})();
