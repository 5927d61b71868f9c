// The console's shell: login, navigation (hash routes), the error banner, and the pages.
import { api, currentSession, hasRole, loadSession, login, logout, whenSessionEnds } from './api.js';
import { clear, h } from './dom.js';
import { runsPage, runPage } from './runs.js';
import { modelsPage } from './models.js';
import { promotionsPage } from './promotions.js';
import { auditPage } from './audit.js';
import { jobsPage, jobPage } from './jobs.js';
import { studiesPage, studyPage } from './studies.js';
import { adminPage } from './admin.js';
import { storagePage } from './storage.js';

const view = document.getElementById('view');
const banner = document.getElementById('error');

/** Shows what went wrong (a problem document's detail) above the page. */
export function showError(error) {
  banner.textContent = error && error.message ? error.message : String(error);
  banner.hidden = false;
}

export function clearError() {
  banner.textContent = '';
  banner.hidden = true;
}

function loginPage(note) {
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  const user = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { id: 'login-message', class: 'message', role: 'status' }, note || '');
  const button = h('button', { type: 'submit', id: 'login-submit' }, 'Log in');
  const form = h('form', { class: 'login', id: 'login-form' },
    h('h1', null, 'Log in to Runvault'),
    h('label', null, 'User name', user),
    h('label', null, 'Password', password),
    button, message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    message.textContent = '';
    try {
      await login(user.value, password.value);
      clearError();
      if (!location.hash || location.hash === '#/login') {
        location.hash = '#/runs'; // the hashchange renders it
      } else {
        route();
      }
    } catch (error) {
      message.textContent = error.message;
      message.classList.add('fail');
    } finally {
      button.disabled = false;
    }
  });
  clear(view).append(form);
  user.focus();
}

const PAGES = {
  runs: runsPage,
  run: runPage,
  models: modelsPage,
  promotions: promotionsPage,
  jobs: jobsPage,
  job: jobPage,
  studies: studiesPage,
  study: studyPage,
  audit: auditPage,
  admin: adminPage,
  storage: storagePage,
};

function parseHash() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, search] = hash.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page: parts[0] || 'runs', args: parts.slice(1), params: new URLSearchParams(search || '') };
}

let generation = 0;

async function route() {
  const session = currentSession();
  if (!session) {
    loginPage();
    return;
  }
  document.getElementById('nav').hidden = false;
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = `${session.user} (${session.roles.join(', ')})`;
  document.getElementById('nav-admin').textContent = hasRole('admin') ? 'Users & tokens' : 'Tokens';
  document.getElementById('nav-storage').hidden = !hasRole('admin');
  const { page, args, params } = parseHash();
  const detail = { runs: 'run', jobs: 'job', studies: 'study' };
  let name = args.length > 0 && detail[page] ? detail[page] : page;
  if (!PAGES[name]) name = 'runs';
  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('active', link.dataset.page === ({ run: 'runs', job: 'jobs', study: 'studies' }[name] || name));
  }
  clearError();
  const mine = ++generation;
  const container = h('section', { class: 'page', id: 'page-' + name });
  clear(view).append(h('p', { class: 'muted' }, 'Loading…'));
  try {
    await PAGES[name](container, { args, params, session, hasRole, api, showError, clearError, refresh: route });
    if (mine === generation) clear(view).append(container);
  } catch (error) {
    if (mine !== generation) return;
    if (!currentSession()) return; // the session ended: the login page is showing
    clear(view).append(container);
    showError(error);
  }
}

whenSessionEnds(() => {
  loginPage('Your session has ended; log in again.');
});

document.getElementById('logout').addEventListener('click', async () => {
  await logout();
  clearError();
  location.hash = '#/login';
  loginPage('You are logged out.');
});

window.addEventListener('hashchange', () => {
  if (currentSession()) route();
});

(async () => {
  try {
    await loadSession();
  } catch (error) {
    showError(error);
  }
  route();
})();
