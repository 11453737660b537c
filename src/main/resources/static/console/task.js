// One task: its normalized fields, its raw provider record, and the actions its `actions` field
// allows now (only when the key has the operate role). Each action is confirmed first and sent
// with a fresh Idempotency-Key, so a repeated click or a retried request cannot act twice.

import { call, newIdempotencyKey, taskPath } from './api.js';
import { $, dash, el, fill, say, statusBadge, time } from './dom.js';
import { progress } from './tasks.js';

const LABELS = { stop: 'Stop', pause: 'Pause', resume: 'Resume', retry: 'Retry', delete: 'Delete' };

export async function loadTask(id) {
  return call(taskPath(id));
}

export function renderTask(task, { canOperate, onAction }) {
  fill($('task-title'), task.name || task.id);
  fill($('task-fields'),
    field('Status', [statusBadge(task.status), task.statusReason ? ` ${task.statusReason}` : '']),
    field('Id', el('code', {}, task.id)),
    field('Source', `${task.source} (${task.provider}, ${dash(task.kind)})`),
    field('Provider status', `${dash(task.nativeStatus)} ${task.nativeStatusLabel ? `“${task.nativeStatusLabel}”` : ''}`),
    field('Progress', progress(task.progress)),
    field('Owner', dash(task.owner)),
    field('Description', dash(task.description)),
    field('Created', time(task.createdAt)),
    field('Updated', time(task.updatedAt)),
    field('Started', time(task.startedAt)),
    field('Finished', time(task.finishedAt)),
    field('Schedule', task.schedule ? [time(task.schedule.start), ' → ', time(task.schedule.end)] : '—'),
    field('Metrics', task.metrics && Object.keys(task.metrics).length
      ? Object.entries(task.metrics).map(([k, v]) => `${k} ${v}`).join(', ') : '—'));
  $('task-raw').textContent = JSON.stringify(task.raw === undefined ? null : task.raw, null, 2);
  const actions = task.actions || [];
  let offered;
  if (!actions.length) offered = el('span', { class: 'muted' }, 'No action is possible on this task now.');
  else if (!canOperate) offered = el('span', { class: 'muted' }, 'This key has no operate role: actions are not offered.');
  else {
    offered = actions.map((action) => el('button', {
      type: 'button', class: action === 'delete' ? 'danger' : '', 'data-action': action,
    }, LABELS[action] || action));
  }
  fill($('task-actions'), offered);
  $('task-actions').querySelectorAll('button[data-action]').forEach((button) =>
    button.addEventListener('click', () => onAction(task, button.dataset.action)));
}

function field(name, value) {
  return [el('dt', {}, name), el('dd', {}, value)];
}

/** Asks, then acts; resolves to the outcome shown, or null when the user cancelled. */
export async function act(task, action) {
  const verb = (LABELS[action] || action).toLowerCase();
  if (!(await confirm(`${LABELS[action] || action} task “${task.name || task.id}” (${task.id})? `
      + `The gateway sends it to ${task.source} now.`))) {
    return null;
  }
  const idempotencyKey = newIdempotencyKey();
  const outcome = $('action-outcome');
  try {
    const result = action === 'delete'
      ? await call(taskPath(task.id), { method: 'DELETE', headers: { 'Idempotency-Key': idempotencyKey } })
      : await call(`${taskPath(task.id)}/${action}`,
        { method: 'POST', headers: { 'Idempotency-Key': idempotencyKey } });
    outcome.className = 'outcome ok';
    fill(outcome, `${verb}: ${result.outcome} `, el('span', { class: 'muted' }, 'Idempotency-Key '),
      el('code', { id: 'action-key' }, idempotencyKey));
  } catch (e) {
    outcome.className = 'outcome failed';
    say(outcome, `${verb} failed: ${e.message}`);
    if (e.status === 401) throw e;
  }
  outcome.hidden = false;
  return outcome.textContent;
}

/** A modal question: resolves true on Confirm, false on Cancel or Escape. */
function confirm(text) {
  const dialog = $('confirm');
  fill($('confirm-text'), text);
  return new Promise((resolve) => {
    const done = (answer) => {
      $('confirm-ok').removeEventListener('click', yes);
      $('confirm-cancel').removeEventListener('click', no);
      dialog.removeEventListener('close', no);
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    const yes = () => done(true);
    const no = () => done(false);
    $('confirm-ok').addEventListener('click', yes);
    $('confirm-cancel').addEventListener('click', no);
    dialog.addEventListener('close', no);
    dialog.showModal();
    $('confirm-cancel').focus();
  });
}
