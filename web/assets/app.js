// The portal's shell: language, header and navigation by role, and a router over the query
// string (/?product=SLUG, /?idea=ID, /?view=...), so that every page is a link that can be shared.

import { hasRole, patch, session, get } from './api.js';
import { finishSignIn, isCallback, rememberProblem, signOutEverywhere } from './auth.js';
import { h, replace } from './dom.js';
import { preferredLanguage, setLanguage, t } from './i18n.js';
import * as customer from './pages-customer.js';
import * as finding from './pages-finding.js';
import * as moderation from './pages-moderation.js';
import * as team from './pages-team.js';
import { errorBox, toast } from './ui.js';

const main = document.getElementById('main');

/** Which page a URL shows: [title key, render function]. */
function pageFor(params) {
  if (params.has('idea') && params.get('view') !== 'history') return customer.ideaPage;
  if (params.has('product')  && !params.get('view')) return customer.boardPage;
  if (params.has('topic')) return team.topicPage;
  if (params.has('segment')) return team.segmentPage;
  const views = {
    signin: customer.signInPage,
    new: customer.submitPage,
    feed: customer.feedPage,
    profile: customer.profilePage,
    topics: team.topicsPage,
    alerts: team.alertsPage,
    reports: team.reportsPage,
    segments: team.segmentsPage,
    queue: moderation.queuePage,
    history: moderation.historyPage,
    search: finding.searchPage,
    duplicates: finding.duplicatesPage,
  };
  return views[params.get('view')] || customer.homePage;
}

function navItems(user) {
  const items = [['/', 'nav.boards']];
  if (user) items.push(['/?view=feed', 'nav.feed'], ['/?view=new', 'nav.new']);
  if (hasRole(user, 'product')) items.push(['/?view=topics', 'nav.topics']);
  if (hasRole(user, 'product', 'moderator')) items.push(['/?view=alerts', 'nav.alerts']);
  if (hasRole(user, 'product', 'marketing')) items.push(['/?view=reports', 'nav.reports']);
  if (hasRole(user, 'marketing')) items.push(['/?view=segments', 'nav.segments']);
  if (hasRole(user, 'moderator')) items.push(['/?view=queue', 'nav.queue']);
  if (hasRole(user, 'product', 'moderator')) items.push(['/?view=duplicates', 'nav.duplicates']);
  return items;
}

function currentNavHref() {
  const params = new URLSearchParams(location.search);
  const view = params.get('view');
  if (view === 'history') return '/?view=queue';
  if (view) return `/?view=${view}`;
  if (params.has('topic')) return '/?view=topics';
  if (params.has('segment')) return '/?view=segments';
  return '/';
}

function renderHeader() {
  const user = session();
  const active = currentNavHref();
  replace(
    document.getElementById('nav'),
    h(
      'ul',
      {},
      navItems(user).map(([href, key]) =>
        h('li', {}, h('a', { href, 'aria-current': href === active ? 'page' : null }, t(key))),
      ),
    ),
  );
  const account = document.getElementById('account');
  if (user) {
    replace(
      account,
      h('a', { href: '/?view=profile', class: 'account-name', 'aria-current': active === '/?view=profile' ? 'page' : null },
        h('span', { class: 'avatar', 'aria-hidden': 'true' }, (user.name || '?').trim().charAt(0).toUpperCase()),
        h('span', {}, user.name)),
      h('button', { type: 'button', class: 'button ghost', testid: 'sign-out', onclick: signOutClicked }, t('nav.signout')),
    );
  } else {
    replace(account, h('a', { href: '/?view=signin', class: 'button primary', testid: 'sign-in' }, t('nav.signin')));
  }
  document.getElementById('nav').setAttribute('aria-label', t('nav.label'));
  document.getElementById('lang-label').textContent = t('lang.label');
  document.getElementById('skip-link').textContent = t('nav.skip');
  document.getElementById('brand').setAttribute('aria-label', t('nav.home'));
  document.getElementById('footer-text').textContent = t('footer');
}

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
  renderHeader();
  main.setAttribute('aria-busy', 'true');
  const page = pageFor(params);
  const container = h('div', { class: 'page' });
  try {
    await page({ params, main: container, user: session(), navigate, rerender: () => route({ focus: false }), applyLanguage });
  } catch (error) {
    replace(container, errorBox(error));
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
