// Registered models: each model's versions in columns by stage, with promotion requests.
import { formatNumber, formatTime, h, table } from './dom.js';
import { runLink, historyTable } from './runs.js';

const STAGES = ['raw', 'validated', 'production', 'archived'];
const NEXT = { raw: 'validated', validated: 'production' };

export function evidenceTable(evidence) {
  if (!evidence || evidence.length === 0) return h('p', { class: 'muted' }, 'No gates are configured for this stage.');
  return table([
    { title: 'Gate', cell: (e) => h('span', { class: 'mono' }, e.gate) },
    { title: 'Expected', cell: (e) => e.expected },
    { title: 'Actual', cell: (e) => e.actual },
    { title: 'Result', cell: (e) => (String(e.passed) === 'true' ? h('span', { class: 'pass' }, 'pass') : h('span', { class: 'fail' }, 'fail')) },
  ], evidence, { class: 'grid compact evidence' });
}

function promoteForm(version, ctx) {
  const target = NEXT[version.stage];
  const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 2000, required: true, placeholder: 'Why this version is ready' });
  const outcome = h('div', { class: 'outcome', role: 'status' });
  const submit = h('button', { type: 'submit' }, `Request ${target}`);
  const form = h('form', { class: 'promote', dataset: { target } }, h('label', null, `Reason for ${target}`, reason), submit, outcome);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    outcome.replaceChildren();
    try {
      const request = await ctx.api('POST', '/promotions', { model: version.model, version: version.version, targetStage: target, reason: reason.value });
      if (request.status === 'pending') {
        outcome.append(h('p', { class: 'ok' }, 'Requested: pending an approver\'s decision. '),
          h('a', { href: '#/promotions' }, 'Open the promotion queue'), evidenceTable(request.evidence));
        form.dataset.result = 'pending';
        reason.disabled = true;
      } else {
        await ctx.refresh();
      }
    } catch (error) {
      outcome.append(h('p', { class: 'fail' }, error.message));
      if (error.problem && Array.isArray(error.problem.evidence)) outcome.append(evidenceTable(error.problem.evidence));
      submit.disabled = false;
    }
  });
  return h('details', { class: 'promote-box' }, h('summary', null, `Promote to ${target}…`), form);
}

function versionCard(version, ctx) {
  const metrics = Object.keys(version.metrics || {}).sort().slice(0, 4);
  const card = h('article', { class: 'version', dataset: { model: version.model, version: String(version.version), stage: version.stage } },
    h('h3', null, `v${version.version}`),
    h('p', null, runLink(version.runId, version.runName)),
    h('p', { class: 'mono small' }, version.path),
    metrics.length ? h('p', { class: 'small' }, metrics.map((k) => `${k} ${formatNumber(version.metrics[k])}`).join(' · ')) : null,
    h('p', { class: 'small muted' }, `by ${version.createdBy}, ${formatTime(version.createdAt)}`),
    h('details', null, h('summary', null, 'Stage history'), historyTable(version.history)));
  if (NEXT[version.stage] && ctx.hasRole('contributor')) card.append(promoteForm(version, ctx));
  return card;
}

export async function modelsPage(root, ctx) {
  const models = await ctx.api('GET', '/models');
  root.append(h('h1', null, 'Registered models'));
  if (models.length === 0) {
    root.append(h('p', { class: 'muted' }, 'No registered models yet.'));
    return;
  }
  for (const model of models) {
    const stages = [...STAGES];
    if (model.versions.some((v) => v.stage === 'rejected')) stages.push('rejected');
    root.append(h('section', { class: 'board card', dataset: { model: model.name } },
      h('h2', null, model.name),
      model.description ? h('p', null, model.description) : null,
      h('p', { class: 'small muted' }, `owner ${model.owner}, since ${formatTime(model.createdAt)}`),
      h('div', { class: 'lanes' }, stages.map((stage) => h('div', { class: 'lane', dataset: { stage } },
        h('h3', null, h('span', { class: 'stage stage-' + stage }, stage)),
        model.versions.filter((v) => v.stage === stage).sort((a, b) => b.version - a.version).map((v) => versionCard(v, ctx)))))));
  }
}
