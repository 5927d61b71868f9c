// Builds DOM from data without ever parsing it as HTML: text always goes in as text nodes.

const SVG_NS = 'http://www.w3.org/2000/svg';

function fill(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.setAttribute('class', value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value' && 'value' in el) el.value = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** h('a', {href: '#/runs'}, 'Runs'): an HTML element; strings become text nodes. */
export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** The same for SVG elements. */
export function s(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function formatTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, ' UTC');
}

export function formatBytes(n) {
  if (n === null || n === undefined) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = Number(n);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return (unit === 0 ? String(value) : value.toFixed(1)) + ' ' + units[unit];
}

export function formatNumber(v) {
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6 ? String(Number(v.toPrecision(6))) : v.toExponential(4);
}

export function shortDigest(d) {
  return typeof d === 'string' && d.startsWith('blake2b:') ? d.slice(0, 20) + '…' : String(d ?? '');
}

/** A two-column key/value table, or a "none" note. */
export function kvTable(obj, className, formatter = (v) => (typeof v === 'number' ? formatNumber(v) : String(v))) {
  const keys = Object.keys(obj || {}).sort();
  if (keys.length === 0) return h('p', { class: 'muted' }, 'None');
  return h('table', { class: 'kv ' + (className || '') },
    h('tbody', null, keys.map((k) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, formatter(obj[k]))))));
}

/** A table from column specs {title, cell(row) -> node|string}. */
export function table(columns, rows, attrs) {
  return h('table', attrs || { class: 'grid' },
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col' }, c.title)))),
    h('tbody', null, rows.map((row) => h('tr', null, columns.map((c) => h('td', c.attrs || null, c.cell(row)))))));
}

/** The API path of a run file: each segment encoded, slashes kept. */
export function filePath(runId, path) {
  return '/api/v1/runs/' + encodeURIComponent(runId) + '/files/' + path.split('/').map(encodeURIComponent).join('/');
}
