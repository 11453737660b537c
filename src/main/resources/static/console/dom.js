// Small DOM helpers. Text always goes in as text nodes (never innerHTML): task names and raw
// records come from providers and must not become markup.

/** An element with attributes (class, data-*, aria-*, hidden...) and children (nodes or text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element; attributes as for {@link el}. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

function setAttributes(node, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of {@code node}. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

export const $ = (id) => document.getElementById(id);

/** Shows one message in an element (or hides it when the text is empty). */
export function say(node, text) {
  node.textContent = text || '';
  node.hidden = !text;
}

/** The seven unified statuses, in the order the API lists them. */
export const STATUSES = ['PENDING', 'RUNNING', 'PAUSED', 'STOPPED', 'SUCCEEDED', 'FAILED', 'UNKNOWN'];

/** A status as colour plus text: the word is always there, the colour only helps. */
export function statusBadge(status) {
  const known = STATUSES.includes(status) ? status : 'UNKNOWN';
  return el('span', { class: `badge status-${known.toLowerCase()}`, 'data-status': known }, status || 'UNKNOWN');
}

/** An instant as local date and time, with the ISO value in a title; "—" when absent. */
export function time(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return el('time', { datetime: iso, title: iso }, date.toLocaleString(undefined,
    { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }));
}

/** Seconds as "42 s", "3 min", "2 h". */
export function age(seconds) {
  if (seconds === undefined || seconds === null || Number.isNaN(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return `${s} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

export const dash = (value) => (value === undefined || value === null || value === '' ? '—' : String(value));
