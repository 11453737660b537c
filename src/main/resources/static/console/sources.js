// Sources at a glance: GET /sources (breaker, latency, last success and error, budget: never calls a
// provider) beside the sources[] report of a one-task list (what each source did on its last read).
// Both go through the gateway's cache like any dashboard's reads: polling or "Refresh now" never asks
// a provider more often than the source's fresh TTL allows.

import { call } from './api.js';
import { $, age, dash, el, fill, time } from './dom.js';

const OPEN_BREAKER = ['OPEN', 'FORCED_OPEN'];

/** failing: the last read did not answer fresh, or the breaker is open; warning: half open. */
export function health(source, report) {
  if (!source.enabled) return 'disabled';
  if (OPEN_BREAKER.includes(source.circuit)) return 'failing';
  if (report && report.state !== 'OK' && report.state !== 'SKIPPED') return 'failing';
  if (source.circuit === 'HALF_OPEN') return 'warning';
  return 'ok';
}

const HEALTH_TEXT = { ok: 'Healthy', failing: 'Failing', warning: 'Recovering', disabled: 'Disabled' };

export async function loadSources() {
  const [list, tasks] = await Promise.all([call('sources'), call('tasks?size=1')]);
  return { sources: list.sources, reports: new Map((tasks.sources || []).map((r) => [r.id, r])) };
}

export function renderSources({ sources, reports }) {
  fill($('source-cards'), sources.map((source) => card(source, reports.get(source.id))));
  fill($('sources-updated'), `updated ${new Date().toLocaleTimeString()}`);
}

function card(source, report) {
  const state = health(source, report);
  const latency = source.latency ? `${dash(source.latency.p50Ms)} / ${dash(source.latency.p95Ms)} ms` : '—';
  return el('article', { class: `card health-${state}`, 'data-source': source.id, 'data-health': state },
    el('header', {},
      el('h3', {}, source.id),
      el('span', { class: 'muted' }, `${source.provider} · ${source.kind}`)),
    el('p', { class: `health health-${state}` },
      el('span', { class: 'dot', 'aria-hidden': 'true' }), HEALTH_TEXT[state],
      report ? el('span', { class: 'state' }, ` · last read ${report.state}`) : null),
    report && report.error ? el('p', { class: 'error-line' }, `${report.error.code}: ${report.error.message}`) : null,
    el('dl', { class: 'facts' },
      fact('Breaker', dash(source.circuit)),
      fact('Budget left', budget(source.budget), 'budget'),
      fact('Latency p50 / p95', latency),
      fact('Last success', time(source.lastSuccess)),
      fact('Last error', source.lastFailure
        ? [time(source.lastFailure), ' ', el('code', {}, dash(source.lastErrorCode))] : '—'),
      fact('Cache age', cacheAge(report)),
      fact('Actions', source.supports && source.supports.actions.length ? source.supports.actions.join(', ') : '—')));
}

function fact(name, value, css) {
  return [el('dt', {}, name), el('dd', { class: css }, value)];
}

/** The provider's request budget, when the gateway reports one: "172 of 180 per 180 s". */
export function budget(b) {
  if (!b || b.remaining === undefined || b.remaining === null) return '—';
  const of = b.limit !== undefined && b.limit !== null ? ` of ${b.limit}` : '';
  const per = b.periodSeconds ? ` per ${b.periodSeconds} s` : '';
  return el('span', { title: b.scope ? `shared by: ${b.scope}` : '' }, `${b.remaining}${of}${per}`);
}

function cacheAge(report) {
  if (!report) return '—';
  if (report.ageSeconds !== undefined && report.ageSeconds !== null) return `${age(report.ageSeconds)} (stale)`;
  if (!report.fetchedAt) return '—';
  return age((Date.now() - Date.parse(report.fetchedAt)) / 1000);
}
