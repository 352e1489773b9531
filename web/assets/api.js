// The HTTP API of API.md, with the signed-in user's token. The token lives in localStorage, so
// one sign-in serves every tab of the portal (a link opened in a new tab is signed in too).

const SESSION_KEY = 'cocrea.session';

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message || `HTTP ${status}`);
    this.status = status;
    this.code = error?.code || 'internal';
    this.fields = error?.fields || {};
  }
}

function decodeClaims(token) {
  const part = token.split('.')[1] || '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
}

/** The signed-in user ({token, id, name, roles, exp}) or null; an expired token is forgotten. */
export function session() {
  const token = localStorage.getItem(SESSION_KEY);
  if (!token) return null;
  try {
    const claims = decodeClaims(token);
    if (claims.exp && claims.exp * 1000 < Date.now()) {
      localStorage.removeItem(SESSION_KEY);
      return null;
    }
    const groups = claims['cognito:groups'] || [];
    return { token, id: claims.sub, name: claims.name, roles: groups.length ? groups : ['customer'] };
  } catch {
    localStorage.removeItem(SESSION_KEY);
    return null;
  }
}

export const SESSION_STORAGE_KEY = SESSION_KEY;

export function signIn(token) {
  localStorage.setItem(SESSION_KEY, token);
}

export function signOut() {
  localStorage.removeItem(SESSION_KEY);
}

export function hasRole(user, ...roles) {
  return Boolean(user) && (user.roles.includes('admin') || roles.some((role) => user.roles.includes(role)));
}

export async function request(method, path, body) {
  // The portal's language, not the browser's: texts the API composes (error messages, board
  // names, alerts) come back in the language the reader chose here.
  const headers = { Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'es' };
  const user = session();
  if (user) headers.Authorization = `Bearer ${user.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    if (response.status === 401 && user) signOut();
    throw new ApiError(response.status, data?.error);
  }
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body ?? {});
export const patch = (path, body) => request('PATCH', path, body);
export const put = (path, body) => request('PUT', path, body);
export const del = (path) => request('DELETE', path);

/** A path with its query string; empty values are left out. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

const productsLoads = new Map();

/** Every product (board) by slug, read once per page load and language: cards name the product of an idea. */
export function productNames() {
  // Board names come in the reader's language: one list per language, read once each.
  const language = document.documentElement.lang || 'es';
  if (!productsLoads.has(language)) {
    const load = getAll('/products')
      .then((page) => new Map(page.items.map((product) => [product.slug, product.name])))
      .catch(() => {
        productsLoads.delete(language);
        return new Map();
      });
    productsLoads.set(language, load);
  }
  return productsLoads.get(language);
}

/** Every item of a paged list (for short lists such as the products), following next_cursor. */
export async function getAll(path) {
  const items = [];
  let cursor;
  do {
    const page = await get(withQuery(path, { limit: 100, cursor }));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return { items, next_cursor: null };
}

/** Downloads a signed-in resource (such as a CSV) as a file. */
export async function download(path, filename) {
  const user = session();
  const response = await fetch(path, { headers: user ? { Authorization: `Bearer ${user.token}` } : {} });
  if (!response.ok) throw new ApiError(response.status, null);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
