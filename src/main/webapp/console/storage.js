// Storage (administrators): what a garbage collection would remove (a dry run), and the collection itself.
import { formatBytes, formatTime, h, table } from './dom.js';
import { query } from './api.js';

const DEFAULT_GRACE_HOURS = 24;
const MAX_GRACE_HOURS = 24 * 365;

/** "3 d 4 h", "2 h 5 min", "40 s": how long before the collection a blob was stored. */
function age(storedAt, startedAt) {
  const seconds = Math.max(0, Math.round((Date.parse(startedAt) - Date.parse(storedAt)) / 1000));
  if (!Number.isFinite(seconds)) return '';
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${seconds} s`;
}

function graceFrom(params) {
  const value = params.has('grace') ? Number(params.get('grace')) : DEFAULT_GRACE_HOURS;
  return Number.isFinite(value) ? value : DEFAULT_GRACE_HOURS;
}

function summary(report) {
  const facts = [
    ['Objects in the store', report.blobsScanned],
    ['Referenced by the database', report.blobsReferenced],
    ['Unreferenced, kept (younger than the grace period)', report.keptInGrace],
    [report.dryRun ? 'Would be removed' : 'Removed', report.blobsRemoved],
    [report.dryRun ? 'Bytes that would be freed' : 'Bytes freed', formatBytes(report.bytesRemoved)],
    ['Decoded-dataset cache files unused in the grace period', `${report.cacheFilesRemoved} (${formatBytes(report.cacheBytesRemoved)})`],
  ];
  return h('dl', { class: 'facts gc-summary', dataset: { removed: String(report.blobsRemoved) } },
    facts.map(([name, value]) => [h('dt', null, name), h('dd', null, String(value))]));
}

function candidates(report, id) {
  if (report.blobs.length === 0) {
    return h('p', { class: 'muted', id: 'gc-nothing' }, report.dryRun ? 'Nothing would be removed.' : 'Nothing was removed.');
  }
  const shown = report.blobs.length < report.blobsRemoved
    ? h('p', { class: 'hint' }, `The first ${report.blobs.length} of ${report.blobsRemoved} are listed.`) : null;
  return [shown, table([
    { title: 'Blob', cell: (b) => h('span', { class: 'mono wrap' }, b.digest) },
    { title: 'Size', cell: (b) => formatBytes(b.size) },
    { title: 'Age', cell: (b) => age(b.storedAt, report.startedAt) },
    { title: 'Stored (or last used)', cell: (b) => formatTime(b.storedAt) },
  ], report.blobs, { class: 'grid', id })];
}

/** The "Collect" button and its confirmation; the collection decides again what to remove when it runs. */
function collectBox(report, ctx) {
  const outcome = h('div', { class: 'outcome', role: 'status', id: 'gc-result' });
  const collect = h('button', { type: 'button', id: 'gc-collect' }, 'Collect…');
  const confirmBox = h('div', { class: 'card confirm', id: 'gc-confirm', hidden: true },
    h('p', null, `Remove the unreferenced blobs stored more than ${report.graceHours} h ago? `
      + `The dry run found ${report.blobsRemoved} (${formatBytes(report.bytesRemoved)}); the collection checks `
      + 'every blob again against the database when it runs. Removed blobs cannot be brought back except from a backup.'));
  const yes = h('button', { type: 'button', id: 'gc-confirm-yes' }, 'Remove them');
  const no = h('button', { type: 'button', class: 'secondary', id: 'gc-confirm-no' }, 'Cancel');
  confirmBox.append(yes, ' ', no);
  collect.addEventListener('click', () => {
    collect.disabled = true;
    confirmBox.hidden = false;
    no.focus();
  });
  no.addEventListener('click', () => {
    confirmBox.hidden = true;
    collect.disabled = false;
  });
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    no.disabled = true;
    outcome.replaceChildren(h('p', { class: 'muted' }, 'Collecting…'));
    try {
      const done = await ctx.api('POST', '/admin/gc', { dryRun: false, graceHours: report.graceHours });
      confirmBox.hidden = true;
      const audit = done.auditSeq === null || done.auditSeq === undefined ? null
        : h('a', { href: '#/audit' + query({ action: 'blob.gc' }), id: 'gc-audit' }, `audit event #${done.auditSeq}`);
      outcome.replaceChildren(
        h('p', { class: 'ok', dataset: { removed: String(done.blobsRemoved) } },
          `Removed ${done.blobsRemoved} blobs, ${formatBytes(done.bytesRemoved)} freed`, audit ? ['; recorded as ', audit] : null, '.'),
        summary(done), h('div', null, candidates(done, 'gc-removed')));
    } catch (error) {
      outcome.replaceChildren(h('p', { class: 'fail' }, error.message));
      yes.disabled = false;
      no.disabled = false;
    }
  });
  return h('section', { class: 'card' }, h('h2', null, 'Collect'), collect, confirmBox, outcome);
}

export async function storagePage(root, ctx) {
  root.append(h('h1', null, 'Storage'));
  if (!ctx.hasRole('admin')) {
    root.append(h('p', { class: 'fail', id: 'storage-refused' }, 'Garbage collection needs the admin role.'));
    return;
  }
  const grace = graceFrom(ctx.params);
  const graceInput = h('input', { name: 'graceHours', type: 'number', min: 0, max: MAX_GRACE_HOURS, step: 'any', value: String(grace) });
  const form = h('form', { class: 'filters', id: 'gc-form' },
    h('label', null, 'Grace period (hours)', graceInput), h('button', { type: 'submit' }, 'Show what would be removed'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const asked = graceInput.value === '' ? String(DEFAULT_GRACE_HOURS) : graceInput.value;
    const target = '#/storage' + query({ grace: asked });
    if (location.hash === target) ctx.refresh(); else location.hash = target;
  });
  root.append(h('p', { class: 'hint' }, 'Blobs that no committed run, job checkpoint, dataset or upload in flight refers to, '
    + 'stored longer ago than the grace period, are removed while the appliance keeps serving.'), form);
  const report = await ctx.api('POST', '/admin/gc', { dryRun: true, graceHours: grace });
  root.append(h('section', { class: 'card', id: 'gc-dry-run' },
    h('h2', null, `Dry run, ${formatTime(report.startedAt)}`), summary(report), h('h3', null, 'Would be removed'), candidates(report, 'gc-candidates')));
  if (report.blobsRemoved > 0) root.append(collectBox(report, ctx));
}
