// The promotion queue: each request with its gates' evidence, and approve / reject for approvers.
import { formatTime, h } from './dom.js';
import { query } from './api.js';
import { evidenceTable } from './models.js';

const STATUSES = ['pending', 'approved', 'rejected', 'applied', 'refused', ''];

/** Why the current user may not approve this request, or null (the server's four-eyes rule, explained). */
function objection(request, runCreator, ctx) {
  const me = ctx.session.user;
  if (!ctx.hasRole('approver')) return 'Approving needs the approver role.';
  if (request.requestedBy === me) return 'You requested this promotion; another approver must decide it (four-eyes rule).';
  if (runCreator === me) return 'You committed the run behind this version; another approver must decide it (four-eyes rule).';
  return null;
}

async function decisionBox(request, ctx) {
  const box = h('div', { class: 'decision' });
  let runCreator = null;
  try {
    const version = await ctx.api('GET', `/models/${encodeURIComponent(request.model)}/versions/${request.version}`);
    const run = await ctx.api('GET', '/runs/' + encodeURIComponent(version.runId));
    runCreator = run.committedBy;
    box.append(h('p', { class: 'small muted' }, `Run committed by ${runCreator}`));
  } catch (error) {
    box.append(h('p', { class: 'fail' }, error.message));
  }
  const why = objection(request, runCreator, ctx);
  const outcome = h('p', { class: 'outcome', role: 'status' });
  if (why) {
    box.append(h('p', { class: 'cannot-approve' }, why));
  } else {
    const approve = h('button', { type: 'button', class: 'approve' }, 'Approve');
    approve.addEventListener('click', async () => {
      approve.disabled = true;
      try {
        await ctx.api('POST', `/promotions/${encodeURIComponent(request.id)}/approve`);
        await ctx.refresh();
      } catch (error) {
        outcome.textContent = error.message;
        approve.disabled = false;
      }
    });
    box.append(approve);
  }
  if (!why || ctx.hasRole('admin')) {
    const reason = h('input', { name: 'reason', placeholder: 'Reason for rejecting', maxlength: 2000 });
    const reject = h('button', { type: 'submit', class: 'reject secondary' }, 'Reject');
    const form = h('form', { class: 'reject-form' }, reason, reject);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      reject.disabled = true;
      try {
        await ctx.api('POST', `/promotions/${encodeURIComponent(request.id)}/reject`, { reason: reason.value });
        await ctx.refresh();
      } catch (error) {
        outcome.textContent = error.message;
        reject.disabled = false;
      }
    });
    box.append(form);
  }
  box.append(outcome);
  return box;
}

export async function promotionsPage(root, ctx) {
  const status = ctx.params.has('status') ? ctx.params.get('status') : 'pending';
  const model = ctx.params.get('model') || '';
  const statusSelect = h('select', { name: 'status' }, STATUSES.map((s) => h('option', { value: s }, s || 'any')));
  statusSelect.value = status;
  const modelInput = h('input', { name: 'model', value: model, placeholder: 'model name' });
  const form = h('form', { class: 'filters' }, h('label', null, 'Status', statusSelect), h('label', null, 'Model', modelInput),
    h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = '#/promotions' + query({ status: statusSelect.value || 'any', model: modelInput.value });
  });
  const requests = await ctx.api('GET', '/promotions' + query({ status: status === 'any' ? '' : status, model }));
  root.append(h('h1', null, status === 'pending' ? 'Promotion queue' : 'Promotion requests'), form);
  if (requests.length === 0) {
    root.append(h('p', { class: 'muted', id: 'no-requests' }, status === 'pending' ? 'Nothing is waiting for a decision.' : 'No requests.'));
    return;
  }
  for (const request of requests) {
    const card = h('article', { class: 'card request', dataset: { id: request.id, model: request.model, version: String(request.version), status: request.status } },
      h('h2', null, `${request.model} v${request.version} → ${request.targetStage} `, h('span', { class: 'status status-' + request.status }, request.status)),
      h('dl', { class: 'facts' },
        h('dt', null, 'Requested by'), h('dd', null, `${request.requestedBy}, ${formatTime(request.createdAt)}`),
        h('dt', null, 'Reason'), h('dd', { class: 'reason' }, request.reason),
        request.decidedBy ? [h('dt', null, 'Decided by'), h('dd', null, `${request.decidedBy}, ${formatTime(request.decidedAt)}`)] : null,
        request.decisionReason ? [h('dt', null, 'Decision reason'), h('dd', null, request.decisionReason)] : null),
      h('h3', null, 'Evidence'), evidenceTable(request.evidence));
    if (request.status === 'pending') card.append(await decisionBox(request, ctx));
    root.append(card);
  }
}
