// The console's only way to the gateway: every call sends the key in a header, never in a URL,
// and turns problem answers (RFC 9457) into errors that say what went wrong.

const KEY_ITEM = 'taskgateway.console.apiKey';

/** The key lives in this tab's sessionStorage: gone when the tab closes, never in a URL or a log. */
export const keyStore = {
  get: () => sessionStorage.getItem(KEY_ITEM),
  set: (key) => sessionStorage.setItem(KEY_ITEM, key),
  clear: () => sessionStorage.removeItem(KEY_ITEM),
};

/** A failed call: the HTTP status and the problem's own words. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem || {};
  }
}

function describe(status, problem) {
  if (status === 0) return 'The gateway could not be reached. Is it running?';
  const title = problem && problem.title ? problem.title : `HTTP ${status}`;
  const detail = problem && problem.detail ? `: ${problem.detail}` : '';
  const request = problem && problem.requestId ? ` (request ${problem.requestId})` : '';
  return `${status} ${title}${detail}${request}`;
}

/**
 * Calls the gateway. {@code path} is relative to the gateway's root; the console lives one level
 * below it, so a gateway behind a path prefix works too.
 */
export async function call(path, { method = 'GET', headers = {}, key = keyStore.get() } = {}) {
  // 'no-store' keeps answers out of the browser's cache; our own Cache-Control stops the browser
  // from adding "Cache-Control: no-cache", which would make the gateway skip its held reads and ask
  // every provider again on every poll.
  const sent = { Accept: 'application/json, application/problem+json', 'Cache-Control': 'max-age=0', ...headers };
  if (key) sent['X-API-Key'] = key;
  let response;
  try {
    response = await fetch(`../${path.replace(/^\//, '')}`,
      { method, headers: sent, cache: 'no-store', credentials: 'omit', redirect: 'error' });
  } catch (e) {
    throw new ApiError(0, null);
  }
  const text = await response.text();
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      throw new ApiError(response.status, { title: 'Unreadable answer', detail: 'the gateway did not answer JSON' });
    }
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** A path's query string from a map of names to a value or a list of values; empty ones are left out. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    const present = values.filter((v) => v !== undefined && v !== null && v !== '');
    if (present.length) search.set(name, present.join(','));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A task id in a URL: the source, a colon, the percent-encoded native id (DESIGN §4). */
export function taskPath(id) {
  const colon = id.indexOf(':');
  return `tasks/${encodeURIComponent(id.slice(0, colon))}:${encodeURIComponent(id.slice(colon + 1))}`;
}

/** A random UUID for Idempotency-Key; crypto.randomUUID needs a secure context, plain http may not be one. */
export function newIdempotencyKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
