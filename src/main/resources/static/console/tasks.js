// The merged task list with every filter of GET /tasks, paged by its cursor ("Load more" asks
// page.next with the same filters, as the API requires). Order is the API's: newest first.

import { call, query } from './api.js';
import { $, STATUSES, dash, el, fill, statusBadge, time } from './dom.js';

let shown = 0;
/** Bumped by every new list, so an answer for older filters that arrives late is dropped. */
let generation = 0;
let next = null;
let filters = {};

/** Fills the filter form's choices: statuses, and the sources and providers the gateway has. */
export function setUpFilters(sources) {
  fill($('filter-status'), STATUSES.map((status) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', name: 'status', value: status }), ' ', statusBadge(status))));
  fill($('filter-source'), sources.map((s) => el('option', { value: s.id }, s.id)));
  const providers = [...new Set(sources.map((s) => s.provider))].sort();
  fill($('filter-provider'), providers.map((p) => el('option', { value: p }, p)));
}

/** The filters as the form shows them, in the API's parameter names. */
export function readFilters() {
  const form = $('filters');
  const selected = (select) => Array.from(select.selectedOptions, (o) => o.value);
  return {
    source: selected($('filter-source')),
    provider: selected($('filter-provider')),
    status: Array.from(form.querySelectorAll('input[name=status]:checked'), (c) => c.value),
    q: $('filter-q').value.trim(),
    createdFrom: $('filter-created-from').value,
    createdTo: $('filter-created-to').value,
    size: $('filter-size').value,
  };
}

/** Page 1 of the list for {@code wanted}. */
export async function loadFirstPage(wanted) {
  filters = wanted;
  const mine = ++generation;
  const page = await call(`tasks${query(filters)}`);
  if (mine !== generation) return;
  shown = 0;
  fill($('tasks-body'));
  show(page);
}

/** The page after the last one shown, by its cursor, with the same filters. */
export async function loadMore() {
  if (!next) return;
  const mine = generation;
  const button = $('load-more');
  button.disabled = true;
  try {
    const page = await call(`tasks${query({ ...filters, cursor: next })}`);
    if (mine === generation) show(page);
  } finally {
    button.disabled = false;
  }
}

function show(page) {
  const body = $('tasks-body');
  page.items.forEach((task) => body.append(row(task)));
  shown += page.items.length;
  next = page.page.next;
  $('load-more').hidden = !next;
  $('tasks-empty').hidden = shown > 0;
  const total = page.page.total === undefined || page.page.total === null ? '?'
    : `${page.page.total}${page.page.totalExact ? '' : '+'}`;
  fill($('tasks-summary'), `${shown} of ${total} shown`);
  const missing = (page.sources || []).filter((s) => s.state !== 'OK' && s.state !== 'SKIPPED');
  fill($('tasks-sources'), missing.length
    ? el('span', { class: 'warn-text' }, 'Incomplete: ',
      missing.map((s) => `${s.id} ${s.state}${s.error ? ` (${s.error.code})` : ''}`).join(', '))
    : '');
}

function row(task) {
  return el('tr', { 'data-task': task.id },
    el('td', { 'data-label': 'Name' }, el('a', { href: `#task/${encodeURIComponent(task.id)}` }, task.name || task.id)),
    el('td', { 'data-label': 'Status' }, statusBadge(task.status),
      task.statusReason ? el('span', { class: 'reason' }, task.statusReason) : null),
    el('td', { 'data-label': 'Source' }, task.source, el('span', { class: 'muted' }, ` ${task.provider}`)),
    el('td', { 'data-label': 'Progress' }, progress(task.progress)),
    el('td', { 'data-label': 'Created' }, time(task.createdAt)),
    el('td', { 'data-label': 'Started / finished' }, task.startedAt || task.finishedAt
      ? [time(task.startedAt), ' → ', time(task.finishedAt)] : '—'),
    el('td', { 'data-label': 'Schedule' }, task.schedule
      ? [time(task.schedule.start), ' → ', time(task.schedule.end)] : '—'));
}

/** Percent as a bar with its number (the number is what a screen reader reads). */
export function progress(value) {
  if (value === undefined || value === null) return '—';
  return el('span', { class: 'progress' },
    el('progress', { max: 100, value, 'aria-hidden': 'true' }), ` ${dash(Math.round(value * 10) / 10)} %`);
}

export function resetTasks() {
  generation += 1;
  shown = 0;
  next = null;
  fill($('tasks-body'));
  fill($('tasks-summary'));
  $('load-more').hidden = true;
}
