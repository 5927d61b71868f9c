// Talks to the appliance: the console session (/console/session) and the REST API (/api/v1) with the
// session cookie. Unsafe calls carry the session's CSRF token; refusals become ApiError with the
// problem document's detail.

let session = null;
let onSessionEnd = () => {};

export class ApiError extends Error {
  constructor(status, detail, problem) {
    super(detail);
    this.status = status;
    this.problem = problem || {};
  }
}

export function currentSession() {
  return session;
}

export function hasRole(role) {
  return !!session && session.roles.includes(role);
}

export function whenSessionEnds(callback) {
  onSessionEnd = callback;
}

async function failure(response) {
  let problem = null;
  try {
    problem = await response.json();
  } catch (notJson) {
    problem = null;
  }
  const detail = (problem && (problem.detail || problem.title)) || `${response.status} ${response.statusText}`;
  return new ApiError(response.status, detail, problem);
}

export async function loadSession() {
  const response = await fetch('/console/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  session = response.ok ? await response.json() : null;
  return session;
}

export async function login(username, password) {
  const response = await fetch('/console/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw await failure(response);
  session = await response.json();
  return session;
}

export async function logout() {
  const token = session ? session.csrfToken : '';
  session = null;
  await fetch('/console/session', { method: 'DELETE', credentials: 'same-origin', headers: { 'X-CSRF-Token': token } });
}

/** Calls /api/v1 + path; answers parsed JSON (or text), throws ApiError. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json', 'X-Runvault-Console': '1' };
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = session ? session.csrfToken : '';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch('/api/v1' + path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await checkAnswer(response);
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/** Throws the answer's ApiError unless it is a success; a 401 also ends the console session. */
async function checkAnswer(response) {
  if (response.ok) return;
  const error = await failure(response);
  if (response.status === 401) {
    session = null;
    onSessionEnd(error.message);
  }
  throw error;
}

/** GETs a text resource under /api/v1 (a job's log); throws ApiError. */
export async function apiText(path) {
  const response = await fetch('/api/v1' + path, {
    headers: { Accept: 'text/plain, application/problem+json', 'X-Runvault-Console': '1' },
    credentials: 'same-origin',
  });
  await checkAnswer(response);
  return response.text();
}

/** A query string from an object; arrays repeat the name, empty values are left out. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && String(v).trim() !== '') q.append(key, String(v).trim());
    }
  }
  const text = q.toString();
  return text ? '?' + text : '';
}
