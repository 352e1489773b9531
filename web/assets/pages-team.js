// Product team and marketing: topics, a topic's ideas, alerts, the reports summary, segments.

import { download, get, hasRole, isMissing, withQuery } from './api.js';
import { h, replace } from './dom.js';
import { barChart, columnChart } from './charts.js';
import { formatDate, formatDateTime, formatDuration, formatNumber, label, t } from './i18n.js';
import { PHASES, STATUSES, pagedList } from './ideas.js';
import { badge, emptyState, field, notYetAvailable, pageHeader, signInPrompt, toast } from './ui.js';

const enc = encodeURIComponent;

function forbidden(main, title) {
  replace(main, pageHeader(title), emptyState(t('role.forbidden'), t('role.forbiddenText')));
}

/** Runs `load`; a 404 (route not served yet) shows the "coming soon" state instead. */
async function orMissing(main, title, what, load) {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error)) {
      replace(main, pageHeader(title), notYetAvailable(what));
      return null;
    }
    throw error;
  }
}

// The topics page is its own module (pages-topics.js): themes, heat map, emerging topics.
export { themesPage as topicsPage } from './pages-topics.js';

export async function topicPage({ main, params }) {
  const id = params.get('topic');
  const title = t('topics.one');
  const topic = await orMissing(main, title, title, () => get(withQuery(`/topics/${enc(id)}`, { limit: 20 })));
  if (!topic) return;
  const list = h('div', {});
  replace(
    main,
    h('nav', { class: 'breadcrumbs', 'aria-label': t('nav.breadcrumbs') }, h('a', { href: '/?view=topics' }, t('topics.title')), ' / ', h('span', {}, topic.label)),
    pageHeader(topic.label, h('p', { class: 'keywords' }, (topic.keywords || []).map((word) => h('span', { class: 'chip' }, word)))),
    h('div', { class: 'columns' },
      h('div', { class: 'card chart-card' }, columnChart({ title: t('topics.byPhase'), items: PHASES.map((phase) => ({ label: label('phase', phase), value: topic.phases?.[phase] || 0 })) })),
      h('dl', { class: 'stats stats-column' },
        h('div', { class: 'stat' }, h('dt', {}, t('topics.size')), h('dd', {}, formatNumber(topic.size))),
        h('div', { class: 'stat' }, h('dt', {}, t('topics.votes')), h('dd', {}, formatNumber(topic.vote_total))))),
    h('h2', { class: 'section-title' }, t('topics.ideas')),
    list,
  );
  let first = { items: topic.ideas || [], next_cursor: topic.next_cursor };
  await pagedList(list, async (cursor) => {
    if (first) {
      const page = first;
      first = null;
      return page;
    }
    const page = await get(withQuery(`/topics/${enc(id)}`, { limit: 20, cursor }));
    return { items: page.ideas, next_cursor: page.next_cursor };
  });
}

export async function alertsPage({ main, user }) {
  const title = t('alerts.title');
  if (!user) return replace(main, pageHeader(title), signInPrompt(''));
  if (!hasRole(user, 'product', 'moderator')) return forbidden(main, title);
  const list = h('div', {});
  replace(main, pageHeader(title, h('p', { class: 'lead' }, t('alerts.lead'))), list);
  await pagedList(list, (cursor) => get(withQuery('/alerts', { limit: 20, cursor })), {
    render: (alert) => h(
      'article',
      { class: `card alert-card alert-${alert.kind}`, testid: 'alert-card' },
      h('div', { class: 'alert-head' },
        badge(label('alert', alert.kind), alert.kind === 'backlash' ? 'danger' : 'warning'),
        h('time', { datetime: alert.at }, formatDateTime(alert.at))),
      h('p', { class: 'alert-message' }, alert.message),
      h('p', { class: 'meta' },
        h('a', { href: withQuery('/', { product: alert.product, phase: alert.phase }) }, `${alert.product} · ${label('phase', alert.phase)}`),
        alert.topic ? h('a', { class: 'chip', href: `/?topic=${enc(alert.topic.id)}` }, alert.topic.label) : null),
    ),
    empty: emptyState(t('alerts.empty'), t('alerts.emptyText')),
    onMissing: () => notYetAvailable(title),
  });
}

// ------------------------------------------------------------------ reports

const KNOWN_TOTALS = ['ideas', 'votes', 'comments', 'active_users'];

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

/** A number for a chart from a breakdown's value: a count, or an object's `ideas`/`count`/`total`. */
function countOf(value) {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object') return value.ideas ?? value.count ?? value.total ?? 0;
  return 0;
}

function medianText(summary) {
  const key = Object.keys(summary).find((name) => name.startsWith('median'));
  if (!key) return null;
  const value = summary[key];
  if (value === null || value === undefined) return t('reports.noResponses');
  if (typeof value !== 'number') return String(value);
  const scale = key.endsWith('_days') ? 86400 : key.endsWith('_hours') ? 3600 : key.endsWith('_minutes') ? 60 : 1;
  return formatDuration(value * scale);
}

export async function reportsPage({ main, params, user, navigate }) {
  const title = t('reports.title');
  if (!user) return replace(main, pageHeader(title), signInPrompt(''));
  if (!hasRole(user, 'product', 'marketing')) return forbidden(main, title);
  const today = new Date();
  const from = params.get('from') || isoDay(new Date(today.getTime() - 29 * 86400000));
  const to = params.get('to') || isoDay(today);
  const fromField = field({ name: 'from', labelText: t('reports.from'), type: 'date', value: from, testid: 'report-from' });
  const toField = field({ name: 'to', labelText: t('reports.to'), type: 'date', value: to, testid: 'report-to' });
  const apply = h('button', { type: 'submit', class: 'button secondary' }, t('reports.apply'));
  const form = h('form', { class: 'toolbar', 'aria-label': t('reports.period') }, fromField.row, toField.row, h('div', { class: 'toolbar-action' }, apply));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(withQuery('/', { view: 'reports', from: fromField.control.value, to: toField.control.value }));
  });
  const summary = await orMissing(main, title, title, () => get(withQuery('/reports/summary', { from, to })));
  if (!summary) {
    main.insertBefore(form, main.children[1] || null);
    return;
  }
  const totals = KNOWN_TOTALS.filter((key) => typeof summary[key] === 'number');
  const median = medianText(summary);
  const phaseData = summary.per_phase || summary.phases || {};
  const statusData = summary.per_status || summary.statuses || {};
  replace(
    main,
    pageHeader(title, h('p', { class: 'lead' }, t('reports.range', { from: formatDate(from), to: formatDate(to) }))),
    form,
    h('dl', { class: 'stats' },
      totals.map((key) => h('div', { class: 'stat', testid: 'report-stat' }, h('dt', {}, t(`reports.${key}`)), h('dd', {}, formatNumber(summary[key])))),
      median ? h('div', { class: 'stat' }, h('dt', {}, t('reports.median')), h('dd', {}, median)) : null),
    h('div', {},
      h('div', { class: 'card chart-card' }, columnChart({ title: t('reports.perPhase'), items: PHASES.map((phase) => ({ label: label('phase', phase), value: countOf(phaseData[phase]) })) })),
      h('div', { class: 'card chart-card' }, barChart({ title: t('reports.perStatus'), tone: 'accent', items: [...STATUSES, 'pending_moderation'].filter((status) => status in statusData).map((status) => ({ label: label('status', status), value: countOf(statusData[status]) })) }))),
  );
}

// ------------------------------------------------------------------ segments

export async function segmentsPage({ main, user }) {
  const title = t('segments.title');
  if (!user) return replace(main, pageHeader(title), signInPrompt(''));
  if (!hasRole(user, 'marketing')) return forbidden(main, title);
  const data = await orMissing(main, title, title, () => get('/segments'));
  if (!data) return;
  const header = pageHeader(title, h('p', { class: 'lead' }, t('segments.lead')));
  if (!data.items.length) return replace(main, header, emptyState(t('segments.empty'), t('segments.emptyText')));
  replace(
    main,
    header,
    h('div', { class: 'card chart-card' }, barChart({ title: t('segments.chart'), tone: 'accent', items: data.items.map((item) => ({ label: item.name, value: item.size })) })),
    h('div', { class: 'topic-grid' }, data.items.map((segment) => h(
      'article',
      { class: 'card segment-card', testid: 'segment-card' },
      h('h2', {}, h('a', { href: `/?segment=${enc(segment.id)}` }, segment.name)),
      h('p', { class: 'muted' }, segment.description),
      h('p', { class: 'segment-size' }, t('segments.size', { count: segment.size })),
    ))),
  );
}

export async function segmentPage({ main, params, user }) {
  const id = params.get('segment');
  const title = t('segments.members');
  if (!user) return replace(main, pageHeader(title), signInPrompt(''));
  if (!hasRole(user, 'marketing')) return forbidden(main, title);
  const segments = await orMissing(main, title, title, () => get('/segments'));
  if (!segments) return;
  const segment = segments.items.find((item) => item.id === id) || { id, name: id, description: '', size: 0 };
  const csv = h('button', { type: 'button', class: 'button secondary', testid: 'csv-download' }, t('segments.csv'));
  csv.addEventListener('click', async () => {
    csv.disabled = true;
    try {
      await download(withQuery(`/segments/${enc(id)}/members`, { format: 'csv' }), `segment-${id}.csv`);
    } catch {
      toast(t('error.network'));
    } finally {
      csv.disabled = false;
    }
  });
  const table = h('table', { class: 'data-table', testid: 'members-table' },
    h('caption', { class: 'sr-only' }, t('segments.membersOf', { name: segment.name })),
    h('thead', {}, h('tr', {}, ['name', 'email', 'engagement', 'topics'].map((key) => h('th', { scope: 'col' }, t(`segments.col.${key}`))))));
  const body = h('tbody', {});
  table.append(body);
  const tableHolder = h('div', { class: 'table-wrap' });
  replace(
    main,
    h('nav', { class: 'breadcrumbs', 'aria-label': t('nav.breadcrumbs') }, h('a', { href: '/?view=segments' }, t('segments.title')), ' / ', h('span', {}, segment.name)),
    pageHeader(segment.name, h('p', { class: 'lead' }, segment.description), h('div', { class: 'actions' }, csv)),
    tableHolder,
  );
  await pagedList(tableHolder, async (cursor) => {
    const page = await get(withQuery(`/segments/${enc(id)}/members`, { limit: 50, cursor }));
    if (!table.isConnected) tableHolder.prepend(table);
    return page;
  }, {
    render: (member) => {
      body.append(h('tr', {},
        h('td', {}, member.name),
        h('td', {}, member.email),
        h('td', { class: 'num' }, formatNumber(member.engagement, { maximumFractionDigits: 2 })),
        h('td', {}, (member.top_topics || []).map((topic) => h('span', { class: 'chip' }, typeof topic === 'string' ? topic : topic.label)))));
      return document.createComment('row');
    },
    empty: emptyState(t('segments.noMembers'), t('segments.noMembersText')),
    onMissing: () => notYetAvailable(title),
  });
  if (!body.childElementCount) table.remove();
}
