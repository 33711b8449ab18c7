// The HTTP API, with the key in the x-api-key header. The key lives in sessionStorage (this tab only, gone when it closes) and is
// never put in a URL; cookies are not used, so no other site can make this browser send a request that carries it.
const KEY = 'durableagents.apiKey';

/** The key for this tab. */
export const session = {
  get key() {
    return sessionStorage.getItem(KEY);
  },
  set key(value) {
    if (value) sessionStorage.setItem(KEY, value);
    else sessionStorage.removeItem(KEY);
  },
};

/** Fires 'unauthorized' when the host refuses the key (or asks for one). */
export const events = new EventTarget();

/** An API error: the problem document's title and detail, and the status (0 when the host did not answer). */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title} ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

/** Calls the API; returns the parsed body (null when empty) or throws {@link ApiError}. */
export async function api(path, { method = 'GET', body, query } = {}) {
  const headers = { accept: 'application/json' };
  if (session.key) headers['x-api-key'] = session.key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = query ? `${path}?${new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''))}` : path;
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    throw new ApiError(0, 'The host is not reachable.', e?.message ?? '');
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (response.ok) return data;
  const title = data?.title ?? `${response.status} ${response.statusText}`;
  const error = new ApiError(response.status, title, typeof data?.detail === 'string' ? data.detail : '');
  if (response.status === 401) events.dispatchEvent(new CustomEvent('unauthorized', { detail: error }));
  throw error;
}

/** The API path of a run (the id encoded: run ids may hold ':' and '+'). */
export const runPath = (id, rest = '') => `/api/runs/${encodeURIComponent(id)}${rest}`;

/** Every run the filters select, newest first, reading at most `cap` runs; `capped` says whether more were left. */
export async function listRuns({ status, agent, createdFrom }, cap = 2000) {
  const runs = [];
  let token = null;
  do {
    const page = await api('/api/runs', { query: { runtimeStatus: status, agent, createdFrom, top: 200, continuationToken: token } });
    runs.push(...(page?.runs ?? []));
    token = page?.continuationToken ?? null;
  } while (token && runs.length < cap);
  runs.sort((a, b) => (a.createdTime < b.createdTime ? 1 : a.createdTime > b.createdTime ? -1 : a.id < b.id ? 1 : -1));
  return { runs, capped: token !== null };
}

/** The runs waiting for a human (awaiting approval or escalated), newest first. */
export async function waitingRuns() {
  const { runs, capped } = await listRuns({ status: 'Running,Suspended' });
  return { runs: runs.filter((r) => r.customStatus?.pendingApprovals?.length > 0), capped };
}
