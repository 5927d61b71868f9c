// Runs: the searchable list and one run's page.
import { query } from './api.js';
import { clear, filePath, formatBytes, formatNumber, formatTime, h, kvTable, shortDigest, table } from './dom.js';
import { lineChart } from './chart.js';

const FILTERS = [
  ['experiment', 'Experiment', 'fashion-baseline'],
  ['tag', 'Tag', 'dataset=fashion-mnist'],
  ['param', 'Param', 'lr=0.001'],
  ['metric', 'Metric', 'val_accuracy>0.9'],
];

export function runLink(id, text) {
  return h('a', { href: '#/runs/' + encodeURIComponent(id), class: 'run-link' }, text);
}

function metricSummary(metrics) {
  const keys = Object.keys(metrics || {}).sort().slice(0, 3);
  return keys.map((k) => `${k} ${formatNumber(metrics[k])}`).join(', ');
}

function tagSummary(tags) {
  return Object.keys(tags || {}).sort().map((k) => h('span', { class: 'chip' }, `${k}=${tags[k]}`));
}

export async function runsPage(root, { params, api, showError }) {
  const inputs = {};
  const form = h('form', { class: 'filters', id: 'run-filters' },
    FILTERS.map(([name, label, example]) => {
      inputs[name] = h('input', { name, placeholder: example, value: params.get(name) || '' });
      return h('label', null, label, inputs[name]);
    }),
    h('label', null, 'Sort', inputs.sort = h('select', { name: 'sort' },
      h('option', { value: 'time' }, 'time'),
      ...(params.get('sort') && params.get('sort') !== 'time' ? [h('option', { value: params.get('sort') }, params.get('sort'))] : []))),
    h('label', null, 'Order', inputs.order = h('select', { name: 'order' },
      h('option', { value: 'desc' }, 'newest first'), h('option', { value: 'asc' }, 'oldest first'))),
    h('button', { type: 'submit' }, 'Search'),
    h('a', { href: '#/runs', class: 'button secondary' }, 'Clear'));
  inputs.sort.value = params.get('sort') || 'time';
  inputs.order.value = params.get('order') || 'desc';
  const sortHint = h('p', { class: 'hint' }, 'Metric filters compare: > >= < <= = != (e.g. val_auc>=0.9). Sorting by a metric lists only runs that have it.');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = {};
    for (const [name, input] of Object.entries(inputs)) q[name] = input.value;
    if (q.sort === 'time') delete q.sort;
    if (q.order === 'desc') delete q.order;
    location.hash = '#/runs' + query(q);
  });

  const search = {};
  for (const name of ['experiment', 'tag', 'param', 'metric', 'sort', 'order']) {
    const values = params.getAll(name);
    if (values.length) search[name] = values;
  }
  search.limit = 50;
  const body = h('tbody');
  const resultTable = h('table', { class: 'grid', id: 'runs-table' },
    h('thead', null, h('tr', null, ['Name', 'Experiment', 'Created', 'Committed by', 'Files', 'Metrics', 'Tags']
      .map((t) => h('th', { scope: 'col' }, t)))), body);
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  const count = h('p', { class: 'muted', id: 'runs-count' });
  let shown = 0;

  async function load(cursor) {
    const page = await api('GET', '/runs' + query({ ...search, cursor }));
    for (const run of page.items) {
      body.append(h('tr', { dataset: { runId: run.id } },
        h('td', null, runLink(run.id, run.name)),
        h('td', null, run.experiment),
        h('td', null, formatTime(run.createdAt)),
        h('td', null, run.committedBy),
        h('td', null, `${run.fileCount} (${formatBytes(run.totalBytes)})`),
        h('td', null, metricSummary(run.metrics)),
        h('td', null, tagSummary(run.tags))));
    }
    const known = new Set([...inputs.sort.options].map((o) => o.value));
    for (const run of page.items) {
      for (const metric of Object.keys(run.metrics || {}).sort()) {
        if (!known.has('metric:' + metric)) {
          known.add('metric:' + metric);
          inputs.sort.append(h('option', { value: 'metric:' + metric }, 'metric ' + metric));
        }
      }
    }
    shown += page.items.length;
    count.textContent = shown === 0 ? 'No runs match.' : `${shown} run${shown === 1 ? '' : 's'} shown`;
    more.hidden = !page.nextCursor;
    more.onclick = () => load(page.nextCursor).catch((e) => { count.textContent = e.message; });
  }
  root.append(h('h1', null, 'Runs'), form, sortHint, count, resultTable, more);
  try {
    await load(undefined);
  } catch (error) {
    if (error.status === 401) throw error;
    showError(error); // e.g. a malformed metric filter: keep the form so that it can be corrected
  }
}

function section(title, ...content) {
  return h('section', { class: 'card' }, h('h2', null, title), ...content);
}

export async function runPage(root, { args, api }) {
  const id = args.join('/');
  const [run, models] = await Promise.all([api('GET', '/runs/' + encodeURIComponent(id)), api('GET', '/models')]);

  const header = h('div', { class: 'run-header' },
    h('h1', { id: 'run-name' }, run.name),
    h('p', { class: 'mono', id: 'run-id' }, run.id),
    h('dl', { class: 'facts' },
      h('dt', null, 'Experiment'), h('dd', null, run.experiment),
      h('dt', null, 'Created'), h('dd', null, formatTime(run.createdAt)),
      h('dt', null, 'Committed'), h('dd', null, `${formatTime(run.committedAt)} by ${run.committedBy}`)),
    h('p', null,
      h('a', { class: 'button', href: '/api/v1/runs/' + encodeURIComponent(run.id) + '/archive', download: '' }, 'Download archive (.zip)'),
      ' ',
      h('a', { class: 'button secondary', href: '/api/v1/runs/' + encodeURIComponent(run.id) + '/manifest', download: 'manifest.json' }, 'Manifest')));

  const seriesNames = Object.keys(run.series || {}).sort();
  const charts = seriesNames.length === 0 ? h('p', { class: 'muted' }, 'No per-epoch series')
    : h('div', { class: 'charts', id: 'run-charts' }, seriesNames.map((name) => lineChart(name, run.series[name])));

  const files = table([
    { title: 'Path', cell: (f) => h('a', { href: filePath(run.id, f.path), download: f.path.split('/').pop(), class: 'mono' }, f.path) },
    { title: 'Size', cell: (f) => formatBytes(f.size) },
    { title: 'Type', cell: (f) => f.mediaType || '' },
    { title: 'Digest', cell: (f) => h('span', { class: 'mono', title: f.digest }, shortDigest(f.digest)) },
  ], run.files, { class: 'grid', id: 'run-files' });
  const previews = run.files.filter((f) => f.mediaType === 'image/png' || /\.png$/i.test(f.path));
  const previewBox = previews.length === 0 ? null : h('div', { class: 'previews' }, previews.map((f) =>
    h('figure', null, h('img', { src: filePath(run.id, f.path), alt: f.path, loading: 'lazy' }), h('figcaption', { class: 'mono' }, f.path))));

  const lineage = run.lineage || {};
  const lineageRows = [];
  for (const parent of lineage.parents || []) lineageRows.push(['Parent run', runLink(parent, parent)]);
  for (const [key, label] of [['datasetName', 'Dataset'], ['datasetDigest', 'Dataset digest'], ['codeVersion', 'Code version'], ['environmentDigest', 'Environment digest']]) {
    if (lineage[key]) lineageRows.push([label, h('span', { class: 'mono' }, lineage[key])]);
  }
  const lineageBox = lineageRows.length === 0 ? h('p', { class: 'muted' }, 'None')
    : h('table', { class: 'kv' }, h('tbody', null, lineageRows.map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v)))));

  // Stage history: every registered model version made from this run.
  const versions = [];
  for (const model of models) {
    for (const version of model.versions) if (version.runId === run.id) versions.push(version);
  }
  const history = versions.length === 0 ? h('p', { class: 'muted' }, 'This run is not registered as a model version.')
    : versions.map((v) => h('div', { class: 'history' },
      h('h3', null, `${v.model} v${v.version} `, h('span', { class: 'stage stage-' + v.stage }, v.stage)),
      historyTable(v.history)));

  root.append(header,
    h('div', { class: 'columns' },
      section('Params', kvTable(run.params, 'params')),
      section('Metrics', kvTable(run.metrics, 'metrics')),
      section('Tags', kvTable(run.tags, 'tags'))),
    section('Per-epoch series', charts),
    section('Files', files, previewBox),
    h('div', { class: 'columns' }, section('Lineage', lineageBox), section('Stage history', history)));
}

export function historyTable(history) {
  return table([
    { title: 'From', cell: (t) => t.from || '—' },
    { title: 'To', cell: (t) => h('span', { class: 'stage stage-' + t.to }, t.to) },
    { title: 'By', cell: (t) => t.actor },
    { title: 'When', cell: (t) => formatTime(t.at) },
    { title: 'Reason', cell: (t) => t.reason },
  ], history || [], { class: 'grid compact' });
}
