/**
 * The frame of every dashboard page: the navigation bar with the signed-in user and logout. Starting the shell
 * asks who is signed in (a 401 leads to the login page) and arms the CSRF token for the page's writes.
 */
import { ApiError, useSession } from '../api/client.js';
import { auth } from '../api/whalefall.js';
import { fill, h, icon } from '../util/dom.js';
import { errorBlock } from './view-state.js';
import { toast } from './toast.js';

const PAGES = [
  ['databases', '/capacity/databases/', 'Databases', 'database'],
  ['instances', '/capacity/instances/', 'Instances', 'hdd-stack'],
  ['sessions', '/sync-sessions/', 'Sync sessions', 'clock-history'],
];

/**
 * Renders the navigation with {@code active} highlighted and resolves to the user
 * ({@code name}, {@code roles}, {@code isAdmin}); on failure shows the error in the page and rejects.
 */
export async function startShell(active) {
  const header = document.getElementById('app-header');
  fill(header, navigation(active, null));
  let me;
  try {
    me = (await auth.me()).data;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) {
      fill(document.getElementById('app'), errorBlock(error, () => location.reload()));
    }
    throw error;
  }
  useSession(me.csrf_header, me.csrf_token);
  const user = { name: me.username, roles: me.roles ?? [], isAdmin: (me.roles ?? []).includes('admin') };
  fill(header, navigation(active, user));
  document.body.dataset.user = user.name;
  return user;
}

function navigation(active, user) {
  const links = PAGES.map(([key, href, label, symbol]) => h('li', { class: 'nav-item' },
    h('a', { class: `nav-link ${key === active ? 'active' : ''}`, href, 'aria-current': key === active ? 'page' : null },
      icon(symbol, 'me-1'), label)));
  return h('nav', { class: 'navbar navbar-expand navbar-dark app-navbar', 'aria-label': 'Main' },
    h('div', { class: 'container-xl flex-wrap gap-2' },
      h('a', { class: 'navbar-brand d-flex align-items-center gap-2', href: '/capacity/databases/' },
        h('img', { src: '/img/favicon.svg', alt: '', width: 26, height: 26 }), 'WhaleFall capacity'),
      h('ul', { class: 'navbar-nav me-auto flex-wrap' }, links),
      user ? userMenu(user) : null));
}

function userMenu(user) {
  const role = user.isAdmin ? 'admin' : user.roles.includes('viewer') ? 'viewer' : user.roles.join(', ');
  return h('div', { class: 'd-flex align-items-center gap-2 text-white small', id: 'user-menu' },
    icon('person-circle'), h('span', { id: 'user-name' }, user.name),
    h('span', { class: 'badge rounded-pill text-bg-light', id: 'user-role' }, role),
    h('button', { type: 'button', class: 'btn btn-sm btn-outline-light ms-1', id: 'logout', onclick: logout },
      icon('box-arrow-right', 'me-1'), 'Sign out'));
}

async function logout() {
  try {
    await auth.logout();
    location.assign('/login.html?signed-out');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return;
    }
    toast(`Signing out failed: ${error.message}`, 'error');
  }
}
