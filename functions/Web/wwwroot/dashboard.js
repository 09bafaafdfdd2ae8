// Översikt: national totals of a year (GET /api/totals/{year}), the trend over years (GET /api/totals), completeness.
'use strict';

(() => {
  const { el, clear, api, problemText, saveResponse, barChart, lineChart, formatNumber, formatChange } = PoWeb;
  const yearSelect = document.getElementById('ar');
  const headline = document.getElementById('nyckeltal');
  const charts = document.getElementById('diagram');
  const message = document.getElementById('meddelande');
  let years = [];

  // The contract's dimensions, [{ id, label }] in contract order (GET /api/web/labels.json): the page names every
  // figure exactly as the workbook and the xlsx export do.
  let labels = null;

  function showError(text) {
    clear(message).append(el('div', { class: 'status error', role: 'alert' }, el('p', { class: 'outcome', text: 'Uppgifterna kunde inte hämtas' }), el('p', { text })));
  }

  function figureItem(id, label, value, format = formatNumber) {
    return el('div', {}, el('dt', { text: label }), el('dd', { id, 'data-value': value === null || value === undefined ? '' : String(value), text: format(value) }));
  }

  // Figur 1 of the draft lägesrapport (GET /api/report/{year}?format=json): the same shares, from the same suppressed
  // cells, as the docx's chart, with its table of shares for screen readers.
  function contactReasonFigure(draft) {
    const table = draft && draft.chapters.flatMap(c => c.tables).find(t => t.sheet === 'Kontaktorsaker' && t.chart);
    if (!table) return null;
    const shares = table.blocks[1];
    return barChart('d-kontaktorsaker', `${table.caption} (${table.chart.valueTitle.toLowerCase()})`, table.chart.categories,
      table.chart.series.map(s => ({ name: s.name, values: s.values })),
      { labelWidth: 290, tableHeaders: shares.header, tableRows: shares.rows });
  }

  function render(totals, status, draft) {
    const { gender, ageGroup, reason, member, figure } = labels;
    const figureLabel = id => figure.find(f => f.id === id).label;
    clear(headline).append(
      figureItem('nt-klienter', 'Klienter', totals.clients.total),
      figureItem('nt-nya', 'Nya klienter', totals.clients.new),
      figureItem('nt-ombud', 'Personliga ombud', totals.ombud.total),
      figureItem('nt-arsarbetare', 'Årsarbetare', totals.ombud.fullTimeEquivalents),
      figureItem('nt-verksamheter', 'Verksamheter', totals.operations),
      figureItem('nt-kommuner', 'Kommuner med personligt ombud', totals.municipalities.offeringPo),
      figureItem('nt-forandring', 'Förändring från föregående år', totals.municipalities.changeFromPreviousYear, formatChange),
      figureItem('nt-redovisningar', 'Redovisningar', totals.reportsIncluded));

    const counties = totals.counties;
    clear(charts).append(
      barChart('d-kon-alder', `Klienter efter kön och ålder ${totals.year} (exakta antal – inte för publicering)`, ageGroup.map(a => a.label),
        gender.map(g => ({ name: g.label, values: ageGroup.map(a => totals.clients.byGenderAndAgeGroup[g.id][a.id]) }))),
      contactReasonFigure(draft) ?? barChart('d-kontaktorsaker', `Kontaktorsaker ${totals.year} (exakta antal – inte för publicering)`, reason.map(r => r.label),
        gender.map(g => ({ name: g.label, values: reason.map(r => totals.contactReasons[r.id][g.id]) })), { labelWidth: 290 }),
      barChart('d-kommuner', `Kommuner med personligt ombud per län ${totals.year}`, counties.map(c => c.name),
        [{ name: 'Kommuner med personligt ombud', values: counties.map(c => c.municipalitiesOfferingPo) }],
        {
          tableHeaders: ['Län', 'Kommuner', 'Med personligt ombud', 'Förändring från föregående år'],
          tableRows: counties.map(c => [c.name, c.municipalities, c.municipalitiesOfferingPo, formatChange(c.changeFromPreviousYear)]),
        }),
      barChart('d-vantetid', `Uppskattad väntetid per län ${totals.year} (dagar)`, counties.map(c => c.name),
        [{ name: 'Median', values: counties.map(c => c.medianEstimatedWaitingDays) }, { name: 'Längsta', values: counties.map(c => c.maxEstimatedWaitingDays) }],
        {
          tableHeaders: ['Län', 'Verksamheter med väntetid', 'Median (dagar)', 'Längsta (dagar)'],
          tableRows: counties.map(c => [c.name, c.operationsWithWaitingTime, c.medianEstimatedWaitingDays ?? '–', c.maxEstimatedWaitingDays ?? '–']),
        }),
      barChart('d-ledningsgrupp', `Ledningsgrupper ${totals.year} (antal verksamheter av ${formatNumber(totals.operations)})`,
        [figureLabel('completeManagementGroups'), figureLabel('withDeficiencyRoutine'), ...member.map(m => `Saknas: ${m.label}`)],
        [{ name: 'Verksamheter', values: [totals.managementGroups.complete, totals.managementGroups.withDeficiencyRoutine, ...member.map(m => totals.managementGroups.missing[m.id])] }],
        { labelWidth: 330 }),
      lineChart('d-trend', 'Utveckling över åren', years.map(y => String(y.year)),
        [{ name: 'Klienter', values: years.map(y => y.clients) }, { name: 'Nya klienter', values: years.map(y => y.clientsNew) }, { name: 'Personliga ombud', values: years.map(y => y.ombud) }]));
    if (status) {
      charts.append(barChart('d-fullstandighet', `Kommuner som har redovisat ${totals.year}, per län (procent)`, status.counties.map(c => c.name),
        [{ name: 'Andel kommuner som redovisat (%)', values: status.counties.map(c => c.municipalities ? Math.round((100 * c.covered.length) / c.municipalities) : 0) }],
        {
          tableHeaders: ['Län', 'Kommuner', 'Har redovisat', 'Saknas jämfört med föregående år'],
          tableRows: status.counties.map(c => [c.name, c.municipalities, c.covered.length, c.missingFromPreviousYear.length]),
        }));
    }
  }

  async function load() {
    const year = yearSelect.value;
    clear(message);
    const [totalsResponse, statusResponse, draftResponse] = await Promise.all([
      api(`totals/${year}`, { national: true }), api(`status/${year}`, { national: true }), api(`report/${year}?format=json`, { national: true })]);
    if (!totalsResponse.ok) {
      showError(await problemText(totalsResponse));
      return;
    }
    render(await totalsResponse.json(), statusResponse.ok ? await statusResponse.json() : null, draftResponse.ok ? await draftResponse.json() : null);
    document.body.dataset.loadedYear = year;
  }

  async function download(format) {
    const response = await api(`totals/${yearSelect.value}?format=${format}`, { national: true });
    if (response.ok) await saveResponse(response, `personligt-ombud-riket-${yearSelect.value}.${format}`);
    else showError(await problemText(response));
  }

  async function downloadReport() {
    const response = await api(`report/${yearSelect.value}?format=docx`, { national: true });
    if (response.ok) await saveResponse(response, `lagesrapport-personligt-ombud-${yearSelect.value}.docx`);
    else showError(await problemText(response));
  }

  async function start() {
    const [response, labelsResponse] = await Promise.all([api('totals', { national: true }), fetch('/api/web/labels.json')]);
    if (!response.ok || !labelsResponse.ok) {
      showError(await problemText(response.ok ? labelsResponse : response));
      return;
    }
    labels = await labelsResponse.json();
    years = (await response.json()).years.slice().sort((a, b) => a.year - b.year);
    if (years.length === 0) {
      clear(message).append(el('p', { text: 'Det finns inga godkända redovisningar ännu.' }));
      return;
    }
    for (const y of years.slice().reverse()) yearSelect.append(el('option', { value: y.year, text: String(y.year) }));
    const wanted = new URLSearchParams(location.search).get('ar');
    if (wanted && years.some(y => String(y.year) === wanted)) yearSelect.value = wanted;
    yearSelect.addEventListener('change', load);
    document.getElementById('laddanerxlsx').addEventListener('click', () => download('xlsx'));
    document.getElementById('laddanercsv').addEventListener('click', () => download('csv'));
    document.getElementById('laddanerlagesrapport').addEventListener('click', downloadReport);
    await load();
  }

  start();
})();
