// Shared by both pages: API calls (with the function key in Azure), DOM building (textContent only), SVG charts.
'use strict';

const PoWeb = (() => {
  const svgNs = 'http://www.w3.org/2000/svg';
  const numberFormat = new Intl.NumberFormat('sv-SE');
  const decimalFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

  /** Builds an element; children are nodes or strings (always text, never markup). */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') node.textContent = String(value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
  }

  function svg(tag, attributes, ...children) {
    const node = document.createElementNS(svgNs, tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === 'text') node.textContent = String(value);
      else node.setAttribute(name, String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  const formatNumber = value => value === null || value === undefined ? '–' : (Number.isInteger(value) ? numberFormat : decimalFormat).format(value);
  const formatChange = value => value === null || value === undefined ? '–' : (value > 0 ? '+' : value < 0 ? '−' : '±') + numberFormat.format(Math.abs(value));
  const formatTime = text => text ? new Date(text).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }) : '–';

  // Keys the pages ask for once per browser session and keep in sessionStorage (forgotten when the tab closes):
  // the function key when the API answers 401 (Azure's gate; devhost is open), and Socialstyrelsen's national key
  // when a national route answers 403 with reason nationalKeyMissing/-Wrong (the app's role check; devhost is open).
  const keyKinds = {
    function: {
      storage: 'poIntakeFunctionKey', header: 'x-functions-key', id: 'funktionsnyckel', title: 'Funktionsnyckel behövs',
      text: 'Tjänsten kräver en funktionsnyckel. Den sparas bara i den här webbläsarflikens session.', label: 'Funktionsnyckel',
    },
    national: {
      storage: 'poIntakeNationalKey', header: 'x-pointake-national-key', id: 'riksnyckel', title: 'Socialstyrelsens nyckel behövs',
      text: 'Uppgifterna om hela landet lämnas bara ut med Socialstyrelsens nyckel. Den sparas bara i den här webbläsarflikens session.',
      label: 'Socialstyrelsens nyckel',
    },
  };
  const pendingKeys = {};
  function askForKey(kind) {
    if (pendingKeys[kind.id]) return pendingKeys[kind.id];
    pendingKeys[kind.id] = new Promise(resolve => {
      const input = el('input', { id: kind.id, type: 'password', autocomplete: 'off' });
      const box = el('form', { class: 'keybox', 'aria-labelledby': kind.id + '-rubrik' },
        el('h2', { id: kind.id + '-rubrik', text: kind.title }),
        el('p', { text: kind.text }),
        el('div', { class: 'field' }, el('label', { for: kind.id, text: kind.label }), input),
        el('button', { type: 'submit', text: 'Fortsätt' }));
      box.addEventListener('submit', event => {
        event.preventDefault();
        sessionStorage.setItem(kind.storage, input.value.trim());
        box.remove();
        pendingKeys[kind.id] = null;
        resolve();
      });
      document.querySelector('main').prepend(box);
      input.focus();
    });
    return pendingKeys[kind.id];
  }

  /** The refusal reason of a 403 problem answer (read from a copy, so the caller can still read the body). */
  async function refusalReason(response) {
    if (response.status !== 403) return null;
    try {
      return (await response.clone().json()).reason || null;
    } catch {
      return null;
    }
  }

  /**
   * fetch against /api with the stored keys; on 401 asks for the function key, and (options.national) on a refused
   * national key asks for Socialstyrelsen's key, then tries again.
   */
  async function api(path, options = {}) {
    const { national, ...fetchOptions } = options;
    for (let attempt = 0; ; attempt++) {
      const headers = new Headers(fetchOptions.headers || {});
      for (const kind of national ? [keyKinds.function, keyKinds.national] : [keyKinds.function]) {
        const key = sessionStorage.getItem(kind.storage);
        if (key) headers.set(kind.header, key);
      }
      const response = await fetch('/api/' + path, { ...fetchOptions, headers });
      if (attempt >= 2) return response;
      if (response.status === 401) {
        sessionStorage.removeItem(keyKinds.function.storage);
        await askForKey(keyKinds.function);
      } else if (national && ['nationalKeyMissing', 'nationalKeyWrong'].includes(await refusalReason(response))) {
        sessionStorage.removeItem(keyKinds.national.storage);
        await askForKey(keyKinds.national);
      } else {
        return response;
      }
    }
  }

  async function problemText(response) {
    try {
      const body = await response.json();
      return [body.title, body.detail].filter(Boolean).join(': ') || `Fel ${response.status}`;
    } catch {
      return `Tjänsten svarade med fel ${response.status}.`;
    }
  }

  /** Saves a response body as a file (downloads need the key header, so no plain links). */
  async function saveResponse(response, fallbackName) {
    const blob = await response.blob();
    const disposition = response.headers.get('content-disposition') || '';
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    const name = match ? decodeURIComponent(match[1]) : fallbackName;
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function table(caption, headers, rows, numericFrom = 1) {
    return el('table', {},
      el('caption', { text: caption }),
      el('thead', {}, el('tr', {}, headers.map((h, i) => el('th', { scope: 'col', class: i >= numericFrom ? 'num' : null, text: h })))),
      el('tbody', {}, rows.map(row => el('tr', {}, row.map((cell, i) =>
        i === 0 ? el('th', { scope: 'row', text: cell }) : el('td', { class: i >= numericFrom ? 'num' : null, text: typeof cell === 'number' ? formatNumber(cell) : cell }))))));
  }

  const seriesColors = ['#1f4e79', '#b35900', '#2e7d32', '#6a1b9a'];

  /**
   * A horizontal grouped bar chart with its data table: categories down, one bar per series. The SVG is
   * role="img" named by the caption; the table (in a details element) is the text alternative.
   */
  function barChart(id, caption, categories, series, options = {}) {
    const barHeight = 14, gap = 3, groupGap = 10, labelWidth = options.labelWidth || 170, chartWidth = 460, valueWidth = 70;
    const groupHeight = series.length * (barHeight + gap) + groupGap;
    const height = categories.length * groupHeight + 10;
    const max = Math.max(1, ...series.flatMap(s => s.values.map(v => v || 0)));
    const root = svg('svg', { class: 'chart', viewBox: `0 0 ${labelWidth + chartWidth + valueWidth} ${height}`, role: 'img', 'aria-labelledby': id + '-rubrik' });
    categories.forEach((category, c) => {
      const top = c * groupHeight + 5;
      root.append(svg('text', { x: labelWidth - 8, y: top + (series.length * (barHeight + gap)) / 2 + 4, 'text-anchor': 'end', text: category }));
      series.forEach((s, i) => {
        const value = s.values[c];
        const y = top + i * (barHeight + gap);
        const width = value ? Math.max(1, (value / max) * chartWidth) : 0;
        root.append(svg('rect', { x: labelWidth, y, width, height: barHeight, fill: seriesColors[i % seriesColors.length] },
          svg('title', { text: `${category}, ${s.name}: ${formatNumber(value)}` })));
        root.append(svg('text', { x: labelWidth + width + 4, y: y + barHeight - 3, text: formatNumber(value) }));
      });
    });
    root.append(svg('line', { x1: labelWidth, x2: labelWidth, y1: 0, y2: height, stroke: '#1b1b1b' }));
    const headers = options.tableHeaders || ['', ...series.map(s => s.name)];
    const rows = options.tableRows || categories.map((category, c) => [category, ...series.map(s => s.values[c])]);
    return figure(id, caption, series, root, table(caption, headers, rows));
  }

  /** A line chart over years, one line per series, with its data table. */
  function lineChart(id, caption, labels, series) {
    const width = 640, height = 240, left = 70, right = 20, top = 15, bottom = 30;
    const max = Math.max(1, ...series.flatMap(s => s.values.map(v => v || 0)));
    const x = i => left + (labels.length === 1 ? (width - left - right) / 2 : (i * (width - left - right)) / (labels.length - 1));
    const y = v => top + (1 - v / max) * (height - top - bottom);
    const root = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': id + '-rubrik' });
    for (const tick of [0, 0.5, 1]) {
      root.append(svg('line', { x1: left, x2: width - right, y1: y(max * tick), y2: y(max * tick), stroke: '#b0b0b0' }));
      root.append(svg('text', { x: left - 6, y: y(max * tick) + 4, 'text-anchor': 'end', text: formatNumber(Math.round(max * tick)) }));
    }
    labels.forEach((label, i) => root.append(svg('text', { x: x(i), y: height - 8, 'text-anchor': 'middle', text: label })));
    series.forEach((s, n) => {
      const color = seriesColors[n % seriesColors.length];
      const points = s.values.map((v, i) => `${x(i)},${y(v || 0)}`).join(' ');
      root.append(svg('polyline', { points, fill: 'none', stroke: color, 'stroke-width': 3 }));
      s.values.forEach((v, i) => root.append(svg('circle', { cx: x(i), cy: y(v || 0), r: 4, fill: color },
        svg('title', { text: `${labels[i]}, ${s.name}: ${formatNumber(v)}` }))));
    });
    const rows = labels.map((label, i) => [label, ...series.map(s => s.values[i])]);
    return figure(id, caption, series, root, table(caption, ['År', ...series.map(s => s.name)], rows));
  }

  function figure(id, caption, series, chart, dataTable) {
    const legend = series.length > 1
      ? el('ul', { class: 'legend', 'aria-hidden': 'true' }, series.map((s, i) => el('li', {}, el('span', { class: `swatch s${i % seriesColors.length}` }), s.name)))
      : null;
    return el('figure', { id },
      el('figcaption', { id: id + '-rubrik', text: caption }),
      legend,
      chart,
      el('details', {}, el('summary', { text: `Tabell: ${caption}` }), dataTable));
  }

  // lan.json (anonymous): the counties and whether the routes need role keys (county board / Socialstyrelsen); fetched once per page.
  let siteInfo = null;
  const info = () => (siteInfo ??= fetch('/api/web/lan.json').then(response => response.json()));
  const counties = async () => (await info()).counties;
  const roleKeysRequired = async () => (await info()).roleKeysRequired === true;

  return { el, svg, clear, api, problemText, saveResponse, table, barChart, lineChart, formatNumber, formatChange, formatTime, counties, roleKeysRequired };
})();
