// Where the services are, the key the person typed, and calls that turn problem+json into readable errors.
const KEY_SLOT = 'steppewire.key';
let settings = null;

/** The dashboard's settings from article-service: the services' base URLs and the official rate sources. */
export async function dashboardSettings() {
  if (!settings) {
    const response = await fetch('/api/dashboard', { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new ApiError(response.status, 'The dashboard settings could not be read', '');
    settings = await response.json();
  }
  return settings;
}

export async function serviceUrls() {
  return (await dashboardSettings()).services;
}

// The key lives in this tab's sessionStorage only: never in a URL, never in storage that outlives the tab.
export const key = {
  get: () => sessionStorage.getItem(KEY_SLOT) || '',
  set: (value) => sessionStorage.setItem(KEY_SLOT, value),
  forget: () => sessionStorage.removeItem(KEY_SLOT),
  kind() {
    const value = this.get();
    if (!value) return 'none';
    return value.startsWith('swk_') ? 'subscriber' : 'admin';
  },
};

export class ApiError extends Error {
  constructor(status, title, detail, problem = {}) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * Calls a service: service is 'article', 'ingest', 'rates' or 'notify'. withKey sends the typed key (when there is
 * one). Answers the parsed JSON (null for 204), throws ApiError with the problem's title and detail otherwise.
 */
export async function call(service, path, { method = 'GET', body, withKey = false, signal } = {}) {
  const base = (await serviceUrls())[service];
  const headers = { Accept: 'application/json' };
  if (withKey && key.get()) headers['X-Api-Key'] = key.get();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, `${service}-service cannot be reached`, `${base || 'this service'} did not answer (${e.message})`);
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!response.ok) {
    const problem = json ?? {};
    throw new ApiError(response.status, problem.title ?? `HTTP ${response.status}`, problem.detail ?? '', problem);
  }
  return json;
}

export async function baseOf(service) {
  return (await serviceUrls())[service];
}
