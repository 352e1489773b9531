// Product team and marketing: topics, a topic's ideas, alerts, the reports summary, segments.

import { ApiError, download, get, productNames, withQuery } from './api.js';
import { h, replace } from './dom.js';
import { barChart, columnChart } from './charts.js';
import { formatDate, formatDateTime, formatDuration, formatNumber, label, t } from './i18n.js';
import { PHASES, STATUSES, ideaCard } from './ideas.js';
import { pagedList } from './list.js';
import { badge, emptyState, field, formAlert, notFound, pageHeader, showFormErrors, toast } from './ui.js';

const enc = encodeURIComponent;


export async function topicPage({ main, params }) {
  const id = params.get('topic');
  const topic = await get(withQuery(`/topics/${enc(id)}`, { limit: 20 }));
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
  const products = await productNames();
  let first = { items: topic.ideas || [], next_cursor: topic.next_cursor };
  await pagedList(list, async (cursor) => {
    if (first) {
      const page = first;
      first = null;
      return page;
    }
    const page = await get(withQuery(`/topics/${enc(id)}`, { limit: 20, cursor }));
    return { items: page.ideas, next_cursor: page.next_cursor };
  }, { render: (idea) => ideaCard(idea, { products }) });
}

export async function alertsPage({ main }) {
  const title = t('alerts.title');
  const products = await productNames();
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
        alert.product
          ? h('a', { href: withQuery('/', { product: alert.product, phase: alert.phase }) },
            [products.get(alert.product) || alert.product, alert.phase ? label('phase', alert.phase) : null].filter(Boolean).join(' · '))
          : null,
        alert.topic ? h('a', { class: 'chip', href: `/?topic=${enc(alert.topic.id)}` }, alert.topic.label) : null),
    ),
    empty: emptyState(t('alerts.empty'), t('alerts.emptyText')),
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

export async function reportsPage({ main, params, navigate }) {
  const title = t('reports.title');
  const today = new Date();
  const from = params.get('from') || isoDay(new Date(today.getTime() - 29 * 86400000));
  const to = params.get('to') || isoDay(today);
  const fromField = field({ name: 'from', labelText: t('reports.from'), type: 'date', value: from, testid: 'report-from' });
  const toField = field({ name: 'to', labelText: t('reports.to'), type: 'date', value: to, testid: 'report-to' });
  const apply = h('button', { type: 'submit', class: 'button secondary' }, t('reports.apply'));
  const form = h('form', { class: 'toolbar', 'aria-label': t('reports.period') }, fromField.row, toField.row, h('div', { class: 'toolbar-action' }, apply));
  const alert = formAlert();
  form.append(alert);
  // A period that ends before it starts is the form's error: the form stays, with what was typed.
  const periodProblem = (start, end) => (start && end && start > end ? t('reports.fromAfterTo') : null);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const problem = periodProblem(fromField.control.value, toField.control.value);
    fromField.setError(problem ? [problem] : null);
    if (problem) {
      fromField.control.focus();
      return;
    }
    navigate(withQuery('/', { view: 'reports', from: fromField.control.value, to: toField.control.value }));
  });
  const header = pageHeader(title, h('p', { class: 'lead' }, t('reports.range', { from: formatDate(from), to: formatDate(to) })));
  const problem = periodProblem(from, to);
  if (problem) {
    fromField.setError([problem]);
    replace(main, header, form);
    return;
  }
  let summary;
  try {
    summary = await get(withQuery('/reports/summary', { from, to }));
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'validation_error') throw error;
    replace(main, header, form);
    showFormErrors(alert, { from: fromField, to: toField }, error);
    return;
  }
  const totals = KNOWN_TOTALS.filter((key) => typeof summary[key] === 'number');
  const median = medianText(summary);
  const phaseData = summary.per_phase || summary.phases || {};
  const statusData = summary.per_status || summary.statuses || {};
  replace(
    main,
    header,
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

export async function segmentsPage({ main }) {
  const title = t('segments.title');
  const data = await get('/segments');
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

/** API.md: a number 0–100; a store written before that rule holds a tier word, shown by its label. */
function engagementText(engagement) {
  return typeof engagement === 'number' ? formatNumber(engagement, { maximumFractionDigits: 0 }) : label('tier', engagement);
}

export async function segmentPage({ main, params }) {
  const id = params.get('segment');
  const segments = await get('/segments');
  const segment = segments.items.find((item) => item.id === id);
  if (!segment) return replace(main, ...notFound());
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
  const tableHolder = h('div', { class: 'table-wrap' });
  replace(
    main,
    h('nav', { class: 'breadcrumbs', 'aria-label': t('nav.breadcrumbs') }, h('a', { href: '/?view=segments' }, t('segments.title')), ' / ', h('span', {}, segment.name)),
    pageHeader(segment.name, h('p', { class: 'lead' }, segment.description), h('div', { class: 'actions' }, csv)),
    tableHolder,
  );
  await pagedList(tableHolder, (cursor) => get(withQuery(`/segments/${enc(id)}/members`, { limit: 50, cursor })), {
    list: h('tbody', {}),
    frame: (rows) => h('table', { class: 'data-table', testid: 'members-table' },
      h('caption', { class: 'sr-only' }, t('segments.membersOf', { name: segment.name })),
      h('thead', {}, h('tr', {}, ['name', 'email', 'engagement', 'topics'].map((key) => h('th', { scope: 'col' }, t(`segments.col.${key}`))))),
      rows),
    key: (member) => member.user_id,
    render: (member) => h('tr', {},
      h('td', {}, member.name),
      h('td', {}, member.email),
      h('td', { class: 'num' }, engagementText(member.engagement)),
      h('td', {}, (member.top_topics || []).map((topic) => h('span', { class: 'chip' }, typeof topic === 'string' ? topic : topic.label)))),
    empty: emptyState(t('segments.noMembers'), t('segments.noMembersText')),
  });
}
