// The audit log: filtered, paged, newest first; administrators can verify the hash chain.
import { formatTime, h, shortDigest } from './dom.js';
import { query } from './api.js';

function toLocal(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function targetCell(target) {
  if (typeof target === 'string' && /^blake2b:[0-9a-f]{64}$/.test(target)) {
    return h('a', { href: '#/runs/' + encodeURIComponent(target) }, target);
  }
  return target;
}

function toInstant(local) {
  if (!local) return '';
  const d = new Date(local); // a datetime-local value is the browser's local time
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

export async function auditPage(root, ctx) {
  const p = ctx.params;
  const inputs = {
    actor: h('input', { name: 'actor', value: p.get('actor') || '', placeholder: 'user name' }),
    action: h('input', { name: 'action', value: p.get('action') || '', placeholder: 'run.commit' }),
    target: h('input', { name: 'target', value: p.get('target') || '', placeholder: 'run id, user, request id' }),
    from: h('input', { name: 'from', type: 'datetime-local', step: 1, value: toLocal(p.get('from')) }),
    to: h('input', { name: 'to', type: 'datetime-local', step: 1, value: toLocal(p.get('to')) }),
  };
  const order = h('select', { name: 'order' }, h('option', { value: 'desc' }, 'newest first'), h('option', { value: 'asc' }, 'oldest first'));
  order.value = p.get('order') || 'desc';
  const form = h('form', { class: 'filters', id: 'audit-filters' },
    h('label', null, 'Actor', inputs.actor), h('label', null, 'Action', inputs.action), h('label', null, 'Target', inputs.target),
    h('label', null, 'From', inputs.from), h('label', null, 'To', inputs.to), h('label', null, 'Order', order),
    h('button', { type: 'submit' }, 'Filter'), h('a', { href: '#/audit', class: 'button secondary' }, 'Clear'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = '#/audit' + query({
      actor: inputs.actor.value, action: inputs.action.value, target: inputs.target.value,
      from: toInstant(inputs.from.value), to: toInstant(inputs.to.value), order: order.value === 'desc' ? '' : order.value,
    });
  });

  const verifyResult = h('p', { id: 'verify-result', role: 'status' });
  const verify = h('button', { type: 'button', id: 'verify' }, 'Verify the chain');
  if (!ctx.hasRole('admin')) {
    verify.disabled = true;
    verifyResult.textContent = 'Verifying the chain needs the admin role.';
  }
  verify.addEventListener('click', async () => {
    verify.disabled = true;
    verifyResult.textContent = 'Verifying…';
    verifyResult.className = '';
    try {
      const result = await ctx.api('POST', '/audit/verify');
      if (result.intact) {
        verifyResult.textContent = `Intact: ${result.eventsChecked} events checked, every hash and link holds, every change has its event.`;
        verifyResult.className = 'pass';
      } else {
        verifyResult.textContent = verdict(result);
        verifyResult.className = 'fail';
      }
    } catch (error) {
      verifyResult.textContent = error.message;
      verifyResult.className = 'fail';
    } finally {
      verify.disabled = false;
    }
  });

  const filters = {};
  for (const key of ['actor', 'action', 'target', 'from', 'to', 'order']) if (p.get(key)) filters[key] = p.get(key);
  const body = h('tbody');
  const events = h('table', { class: 'grid', id: 'audit-table' },
    h('thead', null, h('tr', null, ['Seq', 'When', 'Actor', 'Action', 'Target', 'Details', 'Hash'].map((t) => h('th', { scope: 'col' }, t)))), body);
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  const count = h('p', { class: 'muted' });
  let shown = 0;
  async function load(cursor) {
    const page = await ctx.api('GET', '/audit' + query({ ...filters, limit: 50, cursor }));
    for (const e of page.items) {
      body.append(h('tr', { dataset: { seq: String(e.seq) } },
        h('td', null, String(e.seq)), h('td', null, formatTime(e.occurredAt)), h('td', null, e.actor),
        h('td', null, h('span', { class: 'mono' }, e.action)), h('td', { class: 'mono wrap' }, targetCell(e.target)),
        h('td', null, h('code', { class: 'details' }, JSON.stringify(e.details))),
        h('td', { class: 'mono', title: e.hash }, shortDigest(e.hash))));
    }
    shown += page.items.length;
    count.textContent = shown === 0 ? 'No events match.' : `${shown} event${shown === 1 ? '' : 's'} shown`;
    more.hidden = !page.nextCursor;
    more.onclick = () => load(page.nextCursor).catch((e) => { count.textContent = e.message; });
  }
  root.append(h('h1', null, 'Audit log'), form, h('div', { class: 'verify' }, verify, verifyResult), count, events, more);
  try {
    await load(undefined);
  } catch (error) {
    if (error.status === 401) throw error;
    ctx.showError(error); // e.g. a malformed time filter: keep the form so that it can be corrected
  }
}

/** What is wrong: the chain's first broken link, and apart from it the changes stored without their event. */
function verdict(result) {
  const parts = [];
  if (result.firstBrokenSeq != null) {
    const chainReason = (result.reason || '').split('; ')[0];
    parts.push(`Broken at seq ${result.firstBrokenSeq} (${result.eventsChecked} events checked): ${chainReason}.`);
  } else {
    parts.push(`The chain holds (${result.eventsChecked} events checked), but changes are missing their events.`);
  }
  for (const missing of result.unaudited || []) {
    const more = missing.count > missing.targets.length ? `, and ${missing.count - missing.targets.length} more` : '';
    parts.push(`${missing.count} without a ${missing.action} event: ${missing.targets.join(', ')}${more}.`);
  }
  return parts.join(' ');
}
