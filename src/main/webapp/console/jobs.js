// Training jobs: the list with live progress, and one job's progress, metrics and log. Pages poll
// every two seconds while a job is active and they are on screen.
import { formatTime, h, shortDigest } from './dom.js';
import { apiText, query } from './api.js';

const ACTIVE = new Set(['queued', 'running', 'stopping']);
const POLL_MS = 2000;

function formatEta(seconds) {
  if (seconds === null || seconds === undefined) return '';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

function progressCell(job) {
  const p = job.progress;
  const label = `${p.percent.toFixed(0)}% · epoch ${p.epoch}/${p.totalEpochs}`
    + (p.stepsPerEpoch > 0 && ACTIVE.has(job.state) ? ` · step ${p.step}/${p.stepsPerEpoch}` : '');
  return h('div', { class: 'progress' },
    h('progress', { max: 100, value: p.percent, 'aria-label': label }),
    h('span', { class: 'muted' }, label));
}

function stateBadge(state) {
  return h('span', { class: 'status job-' + state }, state);
}

/** Re-runs update() every POLL_MS while keepGoing() and the element is on the page. */
function poll(element, update, keepGoing) {
  const tick = async () => {
    if (!element.isConnected || !keepGoing()) return;
    try {
      await update();
    } catch (error) {
      return; // the next page load shows the error; a session end is handled by the api layer
    }
    setTimeout(tick, POLL_MS);
  };
  setTimeout(tick, POLL_MS);
}

export async function jobsPage(root, ctx) {
  const state = h('select', { name: 'state', id: 'jobs-state' },
    ['', 'queued', 'running', 'stopping', 'stopped', 'failed', 'completed'].map((s) => h('option', { value: s }, s || 'any state')));
  state.value = ctx.params.get('state') || '';
  state.addEventListener('change', () => { location.hash = '#/jobs' + query({ state: state.value }); });
  const body = h('tbody');
  const table = h('table', { class: 'grid', id: 'jobs-table' },
    h('thead', null, h('tr', null, ['Job', 'State', 'Experiment', 'Model', 'Progress', 'ETA', 'Submitted', 'Run']
      .map((t) => h('th', { scope: 'col' }, t)))), body);
  const count = h('p', { class: 'muted' });
  let active = false;
  async function load() {
    const page = await ctx.api('GET', '/jobs' + query({ state: state.value, limit: 100 }));
    body.replaceChildren(...page.items.map((job) => h('tr', { dataset: { job: job.id, state: job.state } },
      h('td', { class: 'mono' }, h('a', { href: '#/jobs/' + encodeURIComponent(job.id) }, job.id.slice(0, 12))),
      h('td', null, stateBadge(job.state)),
      h('td', null, job.experiment),
      h('td', null, `${job.spec.architecture || 'minicnn'} on ${job.spec.dataset}`),
      h('td', null, progressCell(job)),
      h('td', null, ACTIVE.has(job.state) ? formatEta(job.progress.etaSeconds) : ''),
      h('td', null, `${job.submittedBy}, ${formatTime(job.submittedAt)}`),
      h('td', { class: 'mono' }, job.runId ? h('a', { href: '#/runs/' + encodeURIComponent(job.runId) }, shortDigest(job.runId)) : ''))));
    count.textContent = page.items.length === 0 ? 'No jobs.' : `${page.items.length} job${page.items.length === 1 ? '' : 's'}`;
    active = page.items.some((job) => ACTIVE.has(job.state));
  }
  await load();
  root.append(h('h1', null, 'Jobs'),
    h('p', { class: 'muted' }, 'Submit training jobs with POST /api/v1/jobs; this page follows them.'),
    h('form', { class: 'filters' }, h('label', null, 'State', state)), count, table);
  poll(root, load, () => active);
}

export async function jobPage(root, ctx) {
  const id = ctx.args[0];
  let job = await ctx.api('GET', '/jobs/' + encodeURIComponent(id));
  const summary = h('dl', { class: 'facts', id: 'job-facts' });
  const progress = h('div', { id: 'job-progress' });
  const metrics = h('table', { class: 'grid compact', id: 'job-metrics' });
  const log = h('pre', { class: 'log', id: 'job-log' });
  const actions = h('div', { class: 'actions' });
  const message = h('p', { role: 'status', id: 'job-message' });

  function render() {
    summary.replaceChildren(
      h('dt', null, 'State'), h('dd', { id: 'job-state' }, stateBadge(job.state)),
      h('dt', null, 'Experiment'), h('dd', null, job.experiment),
      h('dt', null, 'Spec'), h('dd', null, h('code', { class: 'details' }, JSON.stringify(job.spec))),
      h('dt', null, 'Submitted'), h('dd', null, `${job.submittedBy}, ${formatTime(job.submittedAt)}`),
      h('dt', null, 'Started'), h('dd', null, formatTime(job.startedAt)),
      h('dt', null, 'Finished'), h('dd', null, formatTime(job.finishedAt)),
      h('dt', null, 'Checkpoint'), h('dd', null, job.checkpointEpoch ? `after epoch ${job.checkpointEpoch}` : 'none yet'),
      h('dt', null, 'Run'), h('dd', { id: 'job-run' }, job.runId
        ? h('a', { href: '#/runs/' + encodeURIComponent(job.runId) }, job.runId) : ''),
      ...(job.failure ? [h('dt', null, 'Why'), h('dd', { class: 'fail' }, job.failure)] : []));
    const eta = ACTIVE.has(job.state) && job.progress.etaSeconds !== undefined && job.progress.etaSeconds !== null
      ? `about ${formatEta(job.progress.etaSeconds)} left` : '';
    progress.replaceChildren(progressCell(job), ...(eta ? [h('span', { class: 'muted', id: 'job-eta' }, eta)] : []));
    const latest = Object.entries(job.progress.latestMetrics || {});
    metrics.replaceChildren(
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Last epoch'), h('th', { scope: 'col' }, 'Value'))),
      h('tbody', null, latest.map(([name, value]) => h('tr', null, h('td', { class: 'mono' }, name),
        h('td', null, typeof value === 'number' ? value.toFixed(4) : String(value))))));
    actions.replaceChildren();
    if (ctx.hasRole('contributor') || ctx.hasRole('admin')) {
      if (ACTIVE.has(job.state) && job.state !== 'stopping') {
        actions.append(h('button', { type: 'button', id: 'job-stop', onclick: () => act('stop') }, 'Stop'));
      }
      if (job.state === 'stopped' || job.state === 'failed') {
        actions.append(h('button', { type: 'button', id: 'job-restart', onclick: () => act('restart') }, 'Restart'));
      }
    }
  }

  async function act(what) {
    message.textContent = '';
    try {
      job = await ctx.api('POST', `/jobs/${encodeURIComponent(id)}/${what}`);
      render();
      following = true;
      poll(root, update, () => following);
    } catch (error) {
      message.textContent = error.message;
      message.className = 'fail';
    }
  }

  async function update() {
    job = await ctx.api('GET', '/jobs/' + encodeURIComponent(id));
    const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    log.textContent = await apiText(`/jobs/${encodeURIComponent(id)}/log`);
    if (atBottom) log.scrollTop = log.scrollHeight;
    render();
    following = ACTIVE.has(job.state);
  }

  let following = ACTIVE.has(job.state);
  log.textContent = await apiText(`/jobs/${encodeURIComponent(id)}/log`);
  render();
  root.append(h('h1', null, 'Job ', h('span', { class: 'mono' }, id)), summary, h('h2', null, 'Progress'), progress,
    actions, message, metrics, h('h2', null, 'Log'), log);
  poll(root, update, () => following);
}
