// Talks to the packer serve API (docs/api.md). Every failure becomes an ApiError with the
// server's own message, so the page can always show what went wrong.

export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body || null;
  }
}

async function request(method, path, { body, version } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
    if (version != null) headers['If-Match'] = `"${version}"`;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', `Cannot reach the server (${e.message}). Is packer serve still running?`);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = json && json.error;
    if (error && error.message) {
      throw new ApiError(response.status, error.code, error.message, error);
    }
    throw new ApiError(response.status, 'http_' + response.status,
      `${method} ${path} answered ${response.status} ${response.statusText}`.trim());
  }
  if (json === null) {
    throw new ApiError(response.status, 'bad_response', `${method} ${path} did not answer JSON`);
  }
  return json;
}

/** A path segment sequence as the API wants it: each segment encoded, slashes kept. */
export function encodePath(path) {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** Where an asset is read: by id, or by folder while it has none. */
export function assetPath(asset) {
  return asset.id ? `/api/assets/${asset.id}` : `/api/folders/${encodePath(asset.folder)}`;
}

export const api = {
  workspace: () => request('GET', '/api/workspace'),
  assets(filters, { limit = 100, cursor = null } = {}) {
    const query = new URLSearchParams();
    if (filters.q) query.set('q', filters.q);
    if (filters.type) query.set('type', filters.type);
    if (filters.tag) query.append('tag', filters.tag);
    if (filters.state) query.set('state', filters.state);
    query.set('limit', String(limit));
    if (cursor) query.set('cursor', cursor);
    return request('GET', `/api/assets?${query}`);
  },
  asset: (key) => request('GET', assetPath(key)),
  diagnostics(severity) {
    return request('GET', severity ? `/api/diagnostics?severity=${encodeURIComponent(severity)}` : '/api/diagnostics');
  },
  session: () => request('POST', '/api/session', { body: {} }),
  rename: (id, name, version) => request('POST', `/api/assets/${id}/rename`, { body: { name }, version }),
  move: (id, folder, version) => request('POST', `/api/assets/${id}/move`, { body: { folder }, version }),
  relocate: (id, folder, version) => request('POST', `/api/assets/${id}/relocate`, { body: { folder }, version }),
  remove: (id, keepFiles, version) => request('POST', `/api/assets/${id}/remove`, { body: { keepFiles }, version }),
  adopt: (folder, version) => request('POST', '/api/adopt', { body: { folder }, version }),
  startBuild: () => request('POST', '/api/builds', { body: {} }),
  lastBuild: () => request('GET', '/api/builds/last'),
  build: (n) => request('GET', `/api/builds/${encodeURIComponent(n)}`),
};
