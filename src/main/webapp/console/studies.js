// Tuning studies: the list of tuning jobs, and one study's progress, optimization history, trials
// and final model. The study page polls while the job is active and on screen.
import { filePath, formatNumber, formatTime, h, shortDigest } from './dom.js';
import { historyChart } from './chart.js';
import { query } from './api.js';

const ACTIVE = new Set(['queued', 'running', 'stopping']);
const POLL_MS = 2000;

function params(p) {
  return Object.entries(p || {}).map(([k, v]) => `${k}=${typeof v === 'number' ? formatNumber(v) : String(v)}`).join(', ');
}

function runLink(id) {
  return id ? h('a', { href: '#/runs/' + encodeURIComponent(id) }, shortDigest(id)) : '';
}

export async function studiesPage(root, ctx) {
  const page = await ctx.api('GET', '/jobs' + query({ kind: 'tune', limit: 100 }));
  const body = h('tbody', null, page.items.map((job) => h('tr', { dataset: { job: job.id, state: job.state } },
    h('td', { class: 'mono' }, h('a', { href: '#/studies/' + encodeURIComponent(job.id) }, job.id.slice(0, 12))),
    h('td', null, h('span', { class: 'status job-' + job.state }, job.state)),
    h('td', null, job.experiment),
    h('td', null, `${job.progress.percent.toFixed(0)}%`),
    h('td', null, `${job.submittedBy}, ${formatTime(job.submittedAt)}`),
    h('td', { class: 'mono' }, runLink(job.runId)))));
  root.append(h('h1', null, 'Studies'),
    h('p', { class: 'muted' }, page.items.length === 0
      ? 'No tuning jobs yet: submit one with POST /api/v1/jobs and "kind": "tune".'
      : `${page.items.length} tuning job${page.items.length === 1 ? '' : 's'}`),
    h('table', { class: 'grid', id: 'studies-table' },
      h('thead', null, h('tr', null, ['Study job', 'State', 'Experiment', 'Progress', 'Submitted', 'Final model']
        .map((t) => h('th', { scope: 'col' }, t)))), body));
}

// The study run's self-contained pages (studies/StudyPages): file name, link text.
const FIGURES = [['optimization_history', 'history'], ['param_importances', 'importances'],
  ['slice', 'slice'], ['parallel_coordinate', 'parallel coordinates']];

export async function studyPage(root, ctx) {
  const id = ctx.args[0];
  const facts = h('dl', { class: 'facts', id: 'study-facts' });
  const progress = h('div', { id: 'study-progress' });
  const history = h('div', { id: 'study-chart' });
  const trials = h('table', { class: 'grid', id: 'study-trials' });
  let job;
  let study;

  async function load() {
    job = await ctx.api('GET', '/jobs/' + encodeURIComponent(id));
    study = await ctx.api('GET', '/studies/' + encodeURIComponent(id));
  }

  function render() {
    const best = study.best;
    facts.replaceChildren(
      h('dt', null, 'Study'), h('dd', null, study.name),
      h('dt', null, 'State'), h('dd', { id: 'study-state' }, h('span', { class: 'status job-' + job.state }, job.state)),
      h('dt', null, 'Objective'), h('dd', null, `${study.direction} ${study.metric}`),
      h('dt', null, 'Sampler, pruner'), h('dd', null, `${study.sampler} (seed ${study.seed}), ${study.pruner}`),
      h('dt', null, 'Trials'), h('dd', null, `${study.trials.length} of ${study.plannedTrials}, ${study.concurrency} at once`),
      h('dt', null, 'Best trial'), h('dd', { id: 'study-best' }, best
        ? `#${best.number}: ${formatNumber(best.value)} (${params(best.params)})` : 'none yet'),
      h('dt', null, 'Study run'), h('dd', { class: 'mono' }, runLink(study.studyRunId)),
      h('dt', null, 'Interactive figures'), h('dd', { id: 'study-figures' }, ...(study.studyRunId
        ? FIGURES.flatMap(([file, label], i) => [i ? ' · ' : '', h('a', {
          href: filePath(study.studyRunId, 'figures/' + file + '.html'), target: '_blank', rel: 'noopener',
        }, label)])
        : ['when the study ends'])),
      h('dt', null, 'Final model'), h('dd', { class: 'mono', id: 'study-final' }, study.finalRunId
        ? h('a', { href: '#/runs/' + encodeURIComponent(study.finalRunId) }, study.finalRunId)
        : 'after the last trial, the best configuration is retrained on training and validation data'),
      h('dt', null, 'Job'), h('dd', null, h('a', { href: '#/jobs/' + encodeURIComponent(id) }, 'progress and log')));
    const p = job.progress;
    progress.replaceChildren(h('div', { class: 'progress' },
      h('progress', { max: 100, value: p.percent }),
      h('span', { class: 'muted' }, `${p.percent.toFixed(0)}%`
        + (ACTIVE.has(job.state) && p.etaSeconds != null ? ` · about ${Math.round(p.etaSeconds)} s left` : ''))));
    history.replaceChildren(historyChart(study.trials, study.direction));
    trials.replaceChildren(
      h('thead', null, h('tr', null, ['#', 'State', study.metric, 'Epochs reported', 'Params', 'Finished', 'Why']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, [...study.trials].sort((a, b) => a.number - b.number).map((t) => h('tr', {
        dataset: { trial: String(t.number), state: t.state }, class: best && t.number === best.number ? 'best' : null,
      },
      h('td', null, String(t.number)),
      h('td', null, h('span', { class: 'status trial-' + t.state.toLowerCase() }, t.state.toLowerCase())),
      h('td', null, t.value === null || t.value === undefined ? '' : formatNumber(t.value)),
      h('td', null, String(Object.keys(t.intermediateValues || {}).length)),
      h('td', { class: 'mono wrap' }, params(t.params)),
      h('td', null, formatTime(t.finishedAt)),
      h('td', null, t.failure || '')))));
  }

  await load();
  render();
  root.append(h('h1', null, 'Study ', h('span', { class: 'mono' }, study.name)), facts, progress, history,
    h('h2', null, 'Trials'), trials);
  const tick = async () => {
    if (!root.isConnected || !ACTIVE.has(job.state)) return;
    try {
      await load();
      render();
    } catch (error) {
      return;
    }
    setTimeout(tick, POLL_MS);
  };
  setTimeout(tick, POLL_MS);
}
