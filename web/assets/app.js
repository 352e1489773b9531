// The portal's shell: language, header and navigation by role, and the router that shows the
// page of routes.js for the query string (/?product=SLUG, /?idea=ID, /?view=...).

import { ApiError, SESSION_STORAGE_KEY, patch, session, get } from './api.js';
import { castPendingVote } from './ideas.js';
import { finishSignIn, isCallback, rememberProblem, signOutEverywhere } from './auth.js';
import { h, replace } from './dom.js';
import { preferredLanguage, setLanguage, t } from './i18n.js';
import { access, menuFor, resolve, sectionOf } from './routes.js';
import { emptyState, errorBox, notFound, pageHeader, signInPrompt, toast } from './ui.js';

const main = document.getElementById('main');

function renderHeader(route) {
  const user = session();
  const active = sectionOf(route);
  replace(
    document.getElementById('nav'),
    h(
      'ul',
      {},
      menuFor(user).map(([href, key, name]) =>
        h('li', {}, h('a', { href, 'aria-current': name === active ? 'page' : null }, t(key))),
      ),
    ),
  );
  const account = document.getElementById('account');
  if (user) {
    replace(
      account,
      h('a', { href: '/?view=profile', class: 'account-name', 'aria-current': active === 'profile' ? 'page' : null },
        h('span', { class: 'avatar', 'aria-hidden': 'true' }, (user.name || '?').trim().charAt(0).toUpperCase()),
        h('span', {}, user.name)),
      h('button', { type: 'button', class: 'button ghost', testid: 'sign-out', onclick: signOutClicked }, t('nav.signout')),
    );
  } else {
    replace(account, h('a', { href: '/?view=signin', class: 'button primary', testid: 'sign-in' }, t('nav.signin')));
  }
  document.getElementById('nav').setAttribute('aria-label', t('nav.label'));
  document.getElementById('menu-label').textContent = t('nav.menu');
  setMenu(false);
  document.getElementById('lang-label').textContent = t('lang.label');
  document.getElementById('skip-link').textContent = t('nav.skip');
  document.getElementById('brand').setAttribute('aria-label', t('nav.home'));
  document.getElementById('footer-text').textContent = t('footer');
}

// The phone's menu: the header's links open below its one row (app.css hides the button on
// wider screens, where the panel is always shown).
const menuButton = document.getElementById('menu-button');
const menuPanel = document.getElementById('menu-panel');

function setMenu(open) {
  menuButton.setAttribute('aria-expanded', open ? 'true' : 'false');
  menuPanel.classList.toggle('open', open);
}

menuButton.addEventListener('click', () => {
  const open = menuButton.getAttribute('aria-expanded') !== 'true';
  setMenu(open);
  if (open) menuPanel.querySelector('a, select, button')?.focus();
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && menuButton.getAttribute('aria-expanded') === 'true') {
    setMenu(false);
    menuButton.focus();
  }
});

async function signOutClicked() {
  // With the hosted UI, its own session ends too: it sends the browser back to the portal.
  if (await signOutEverywhere()) return;
  navigate('/');
  toast(t('signin.signedOut'));
}

let rendering = 0;

export async function route({ focus = true } = {}) {
  const ticket = ++rendering;
  const params = new URLSearchParams(location.search);
  const chosen = resolve(params, location.pathname);
  const user = session();
  if (user) await castPendingVote(); // a vote asked for before signing in, cast now
  renderHeader(chosen);
  main.setAttribute('aria-busy', 'true');
  const container = h('div', { class: 'page' });
  try {
    const allowed = access(chosen, user);
    if (allowed === 'signin') replace(container, pageHeader(t(chosen.title)), signInPrompt(chosen.signin ? t(chosen.signin) : ''));
    else if (allowed === 'forbidden') replace(container, pageHeader(t(chosen.title)), emptyState(t('role.forbidden'), t('role.forbiddenText')));
    else await chosen.page({ params, main: container, user, navigate, rerender: () => route({ focus: false }), applyLanguage });
  } catch (error) {
    // Whatever a page asked for that does not exist (an unknown topic, a segment...) is "not found".
    if (error instanceof ApiError && error.status === 404) replace(container, ...notFound());
    else replace(container, errorBox(error));
  }
  if (ticket !== rendering) return; // a newer navigation won
  replace(main, container);
  main.setAttribute('aria-busy', 'false');
  const title = container.querySelector('h1');
  document.title = title ? `${title.textContent} · Cocrea` : 'Cocrea';
  if (focus) (title || main).focus({ preventScroll: false });
}

export function navigate(url, { replaceState = false } = {}) {
  if (replaceState) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.scrollTo(0, 0);
  return route();
}

async function applyLanguage(lang, { save = false } = {}) {
  const chosen = await setLanguage(lang, { remember: true });
  document.getElementById('lang-switch').value = chosen;
  if (save && session()) {
    try {
      await patch('/me', { language: chosen });
    } catch {
      // The page is already in the chosen language; the profile keeps its old one.
    }
  }
  return chosen;
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname !== '/') return;
  if (url.hash && url.search === location.search) return; // skip link and in-page anchors
  event.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener('popstate', () => route());
// Signing in or out in another tab: this one follows (the session is shared through localStorage).
window.addEventListener('storage', (event) => {
  if (event.key === SESSION_STORAGE_KEY || event.key === null) route({ focus: false });
});
window.addEventListener('cocrea:navigate', (event) => navigate(event.detail));

document.getElementById('lang-switch').addEventListener('change', async (event) => {
  await applyLanguage(event.target.value, { save: true });
  await route({ focus: false });
  document.getElementById('lang-switch').focus();
});

/** The hosted UI sent the browser back here: finish signing in, then show the page it was for. */
async function completeSignIn() {
  try {
    const next = await finishSignIn(new URLSearchParams(location.search));
    history.replaceState(null, '', next); // the code and state leave the address bar and history
    return true;
  } catch (error) {
    history.replaceState(null, '', '/?view=signin');
    rememberProblem(error);
    return false;
  }
}

async function start() {
  const signedInNow = isCallback(new URLSearchParams(location.search)) && (await completeSignIn());
  let profileLanguage = null;
  let name = null;
  if (session()) {
    try {
      ({ language: profileLanguage, name } = await get('/me'));
    } catch {
      profileLanguage = null;
    }
  }
  const chosen = await setLanguage(preferredLanguage(profileLanguage));
  document.getElementById('lang-switch').value = chosen;
  await route({ focus: false });
  if (signedInNow && session()) toast(t('signin.welcome', { name: name || session().name }));
}

start();
