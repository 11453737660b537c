// Counts by status × source (GET /tasks/stats) as a stacked bar per source, drawn here as SVG,
// and as a table with the same numbers (the table is what a screen reader or a copy-paste uses).

import { call } from './api.js';
import { $, STATUSES, el, fill, statusBadge, svg } from './dom.js';

export async function loadStats() {
  return call('tasks/stats');
}

export function renderStats(stats) {
  fill($('stats-summary'), `${stats.total} tasks${stats.exact ? '' : ' (some counts estimated)'}`
    + `${stats.complete ? '' : ' — incomplete: a source did not answer'}`);
  fill($('stats-chart'), chart(stats));
  fill($('stats-legend'), STATUSES.map((s) => el('span', { class: 'key' },
    el('span', { class: `swatch status-${s.toLowerCase()}`, 'aria-hidden': 'true' }), s)));
  table(stats);
}

const ROW = 34;
const LABEL = 130;
const WIDTH = 720;

function chart(stats) {
  const rows = stats.bySource;
  const max = Math.max(1, ...rows.map((r) => r.total || 0));
  const height = rows.length * ROW + 10;
  return svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', class: 'bars',
    'aria-label': `Tasks by status for each of ${rows.length} sources; the table below has the numbers`,
  }, rows.map((r, i) => bar(r, i, max)));
}

function bar(row, index, max) {
  const y = index * ROW + 5;
  let x = LABEL;
  const scale = (WIDTH - LABEL - 60) / max;
  const parts = STATUSES.filter((s) => (row.byStatus || {})[s]).map((s) => {
    const count = row.byStatus[s];
    const rect = svg('rect', {
      x, y, width: Math.max(1, count * scale), height: ROW - 10, class: `status-${s.toLowerCase()}`,
      'data-status': s,
    }, svg('title', {}, `${row.source} ${s}: ${count}`));
    x += count * scale;
    return rect;
  });
  return svg('g', { 'data-source': row.source },
    svg('text', { x: 0, y: y + ROW / 2, class: 'label' }, row.source),
    parts,
    svg('text', { x: x + 6, y: y + ROW / 2, class: 'count' }, row.total == null ? row.state : String(row.total)));
}

function table(stats) {
  fill($('stats-head'), el('tr', {}, el('th', { scope: 'col' }, 'Source'),
    STATUSES.map((s) => el('th', { scope: 'col' }, statusBadge(s))),
    el('th', { scope: 'col' }, 'Total'), el('th', { scope: 'col' }, 'Read')));
  fill($('stats-body'), stats.bySource.map((r) => el('tr', { 'data-source': r.source },
    el('th', { scope: 'row' }, r.source),
    STATUSES.map((s) => el('td', { 'data-label': s }, String((r.byStatus || {})[s] || 0))),
    el('td', { 'data-label': 'Total', class: 'total' }, r.total == null ? '—' : String(r.total)),
    el('td', { 'data-label': 'Read' }, `${r.state}${r.method ? ` (${r.method})` : ''}`))));
  fill($('stats-foot'), el('tr', {}, el('th', { scope: 'row' }, 'All'),
    STATUSES.map((s) => el('td', { 'data-label': s }, String((stats.byStatus || {})[s] || 0))),
    el('td', { 'data-label': 'Total', class: 'total', id: 'stats-total' }, String(stats.total)), el('td', {}, '')));
}
