// Every page of the portal, in one table: which URL shows it, who may see it, and the header
// link it sits under. Links are query strings on `/` (/?idea=ID, /?view=topics...), so a page is
// always a link that can be shared and the static host needs no rewrite rules.
//
// Precedence, explicit (resolve() below):
//   1. `view` names the page outright; the rest of the query are its filters or its subject
//      (/?view=new&product=x, /?view=history&idea=ID). An unknown view is "not found".
//   2. Without a view, the first route in this table whose `param` is present wins, in table
//      order: an idea before a board, a board before a topic (a board link may carry `topic`
//      as its filter), a topic before a segment.
//   3. Neither: the home page.
//   A path other than `/` is "not found", whatever its query.
//
// who: 'anyone' (default), 'signed-in', or a list of roles (admin passes every list). The shell
// enforces it before the page runs: signed out → a sign-in prompt, wrong role → "not for you".
// menu: the header link's message key; links appear in table order, for those who may see them.
// section: the route whose header link is marked current on this page.

import { hasRole } from './api.js';
import * as customer from './pages-customer.js';

// The pages a customer's first visit does not need (the team's, the moderators', the admin's,
// search results, release notes and the roadmap) load on first use: the board's first visit
// downloads only its own modules (docs/benchmarks.md, "portal weight"). The browser imports each
// module once.
const later = (load, name) => async (context) => (await load())[name](context);
const admin = () => import('./pages-admin.js');
const finding = () => import('./pages-finding.js');
const loop = () => import('./pages-loop.js');
const moderation = () => import('./pages-moderation.js');
const team = () => import('./pages-team.js');
const topics = () => import('./pages-topics.js');

export const SIGNED_IN = 'signed-in';

export const ROUTES = [
  { name: 'home', home: true, page: customer.homePage, menu: 'nav.boards' },
  { name: 'roadmap', view: 'roadmap', page: later(loop, 'roadmapPage'), menu: 'nav.roadmap' },
  { name: 'changelog', view: 'changelog', page: later(loop, 'changelogPage'), menu: 'nav.changelog' },
  { name: 'feed', view: 'feed', page: customer.feedPage, who: SIGNED_IN, title: 'feed.title', signin: 'feed.signin', menu: 'nav.feed' },
  { name: 'new', view: 'new', page: customer.submitPage, who: SIGNED_IN, title: 'submit.title', signin: 'submit.signin', menu: 'nav.new' },
  { name: 'topics', view: 'topics', page: later(topics, 'themesPage'), menu: 'nav.topics', menuFor: ['product'] },
  { name: 'alerts', view: 'alerts', page: later(team, 'alertsPage'), who: ['product', 'moderator'], title: 'alerts.title', menu: 'nav.alerts' },
  { name: 'reports', view: 'reports', page: later(team, 'reportsPage'), who: ['product', 'marketing'], title: 'reports.title', menu: 'nav.reports' },
  { name: 'segments', view: 'segments', page: later(team, 'segmentsPage'), who: ['marketing'], title: 'segments.title', menu: 'nav.segments' },
  { name: 'queue', view: 'queue', page: later(moderation, 'queuePage'), who: ['moderator'], title: 'queue.title', menu: 'nav.queue' },
  { name: 'hidden', view: 'hidden', page: later(moderation, 'hiddenPage'), who: ['moderator'], title: 'hidden.title', menu: 'nav.hidden' },
  { name: 'search', view: 'search', page: later(finding, 'searchPage'), title: 'search.title', section: 'home' },
  { name: 'duplicates', view: 'duplicates', page: later(finding, 'duplicatesPage'), who: ['product', 'moderator'], title: 'duplicates.title', menu: 'nav.duplicates' },
  { name: 'history', view: 'history', page: later(moderation, 'historyPage'), who: ['moderator', 'product'], title: 'history.title', section: 'queue' },
  { name: 'publish', view: 'publish', page: later(loop, 'publishPage'), who: ['product'], title: 'publish.title', signin: 'publish.signin', menu: 'nav.publish' },
  { name: 'webhooks', view: 'webhooks', page: later(loop, 'webhooksPage'), who: ['admin'], title: 'webhooks.title', signin: 'webhooks.signin', menu: 'nav.webhooks' },
  { name: 'users', view: 'users', page: later(admin, 'usersPage'), who: ['admin'], title: 'users.title', signin: 'users.signin', menu: 'nav.users' },
  { name: 'mydata', view: 'mydata', page: later(loop, 'myDataPage'), who: SIGNED_IN, title: 'mydata.title', signin: 'mydata.signin', menu: 'nav.mydata' },
  { name: 'profile', view: 'profile', page: customer.profilePage, who: SIGNED_IN, title: 'profile.title' },
  { name: 'unsubscribe', view: 'unsubscribe', page: customer.unsubscribePage, title: 'unsubscribe.title' },
  { name: 'signin', view: 'signin', page: customer.signInPage },
  { name: 'idea', param: 'idea', page: customer.ideaPage, section: 'home' },
  { name: 'board', param: 'product', page: customer.boardPage, section: 'home' },
  { name: 'topic', param: 'topic', page: later(team, 'topicPage'), section: 'topics' },
  { name: 'changelog-note', param: 'changelog', page: later(loop, 'changelogPage'), section: 'changelog' },
  { name: 'segment', param: 'segment', page: later(team, 'segmentPage'), who: ['marketing'], title: 'segments.members', section: 'segments' },
];

export const NOT_FOUND = { name: 'not-found', page: customer.notFoundPage };

/** The route that shows this query string (see the precedence above). */
export function resolve(params, pathname = '/') {
  // The portal lives at `/`; the host answers any other page path with it too (a mistyped or old
  // link), and that is "not found".
  if (pathname !== '/' && pathname !== '/index.html') return NOT_FOUND;
  if (params.has('view')) return ROUTES.find((route) => route.view === params.get('view')) || NOT_FOUND;
  return ROUTES.find((route) => route.param && params.has(route.param)) || ROUTES.find((route) => route.home);
}

/** The URL of a route that has no subject (a menu entry). */
export const hrefOf = (route) => (route.home ? '/' : `/?view=${route.view}`);

/** Whether `user` may open the route: 'allowed', 'signin' or 'forbidden'. */
export function access(route, user) {
  const who = route.who || 'anyone';
  if (who === 'anyone') return 'allowed';
  if (!user) return 'signin';
  if (who === SIGNED_IN || hasRole(user, ...who)) return 'allowed';
  return 'forbidden';
}

/** The header's links for this user: [href, message key, route name], in table order. */
export function menuFor(user) {
  return ROUTES.filter((route) => route.menu && access(route, user) === 'allowed' && (!route.menuFor || hasRole(user, ...route.menuFor)))
    .map((route) => [hrefOf(route), route.menu, route.name]);
}

/** The name of the header link that is current on this route. */
export const sectionOf = (route) => route.section || route.name;
