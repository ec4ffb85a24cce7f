/**
 * HTTP client of the dashboard. Every call sends X-Requested-With (so a 401 carries no Basic challenge and the
 * browser shows no password prompt), every write sends the CSRF token of the session, and a 401 sends the user
 * to the login page, remembering where to come back to.
 */

const RETURN_KEY = 'whalefall.return-path';

let csrf = null;
let signedIn = false;

/** An API answer that is not a success: carries the WhaleFall error envelope's code and field errors. */
export class ApiError extends Error {
  constructor(status, body, fallback) {
    super(body?.message || fallback || `The server answered ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.message_code ?? null;
    this.errorId = body?.error_id ?? null;
    this.fields = body?.context?.errors ?? [];
  }

  /** The message with the faulty fields it does not name yet, for display. */
  describe() {
    const missing = this.fields.map((error) => `${error.field}: ${error.message}`)
      .filter((text) => !this.message.includes(text));
    return missing.length ? `${this.message} (${missing.join('; ')})` : this.message;
  }
}

/**
 * Records that the page is signed in, with the CSRF token every write must carry (from GET /api/v1/auth/me).
 * A 401 after this means the session has ended; before it, that the user has not signed in yet.
 */
export function useSession(header, token) {
  signedIn = true;
  csrf = header && token ? { header, token } : null;
}

/** GET {@code path} with query parameters; resolves to the success envelope. */
export function getJson(path, params = {}, options = {}) {
  return request('GET', withQuery(path, params), undefined, options);
}

/** POST a JSON body; resolves to the success envelope. */
export function postJson(path, body = {}, options = {}) {
  return request('POST', path, body, options);
}

/** {@code path} with the non-empty parameters as a query string (arrays become repeated parameters). */
export function withQuery(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '') {
        query.append(name, String(item));
      }
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Sends the user to the login page; after logging in they come back to the current page. */
export function redirectToLogin() {
  sessionStorage.setItem(RETURN_KEY, location.pathname + location.search);
  location.assign(signedIn ? '/login.html?expired' : '/login.html');
}

/** The page to return to after a login (once), if it is a path of this site. */
export function takeReturnPath() {
  const path = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  // only a local path: never an open redirect to another origin ("//host" or "/\host")
  return path && /^\/(?![/\\])/.test(path) ? path : null;
}

async function request(method, url, body, { signal } = {}) {
  const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrf) {
    headers[csrf.header] = csrf.token;
  }
  let response;
  try {
    response = await fetch(url, {
      method, headers, signal, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, null, 'The dashboard cannot reach the server. Check your connection and try again.');
  }
  const payload = await readBody(response);
  if (response.status === 401) {
    redirectToLogin();
    throw new ApiError(401, payload, 'Your session has ended: sign in again.');
  }
  if (!response.ok || payload?.success === false) {
    throw new ApiError(response.status, payload);
  }
  return payload;
}

async function readBody(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) {
    return null;
  }
  try {
    return await response.json();
  } catch {
    // a truncated or malformed body: the status still tells what happened
    return null;
  }
}
