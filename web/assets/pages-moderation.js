// Moderators: the queue of held and flagged items, hide and restore with a reason, an idea's history.

import { get, hasRole, post, withQuery } from './api.js';
import { h, replace } from './dom.js';
import { formatDateTime, label, t } from './i18n.js';
import { statusBadge } from './ideas.js';
import { pagedList } from './list.js';
import { badge, busy, emptyState, field, formAlert, pageHeader, showFormErrors, toast } from './ui.js';

const enc = encodeURIComponent;

function queueCard(entry) {
  const item = entry.item || {};
  const path = entry.kind === 'idea' ? `/ideas/${enc(entry.id)}` : `/comments/${enc(entry.id)}`;
  const reason = field({ name: 'reason', labelText: t('mod.reason'), testid: 'queue-reason' });
  const hide = h('button', { type: 'submit', class: 'button danger', testid: 'queue-hide' }, t('mod.hide'));
  const restore = h('button', { type: 'button', class: 'button primary', testid: 'queue-restore' }, t('mod.approve'));
  const alert = formAlert();
  const card = h(
    'article',
    { class: 'card queue-card', testid: 'queue-item' },
    h('div', { class: 'alert-head' },
      badge(label('kind', entry.kind), entry.kind === 'idea' ? 'info' : 'neutral'),
      item.status ? statusBadge(item.status) : null,
      item.hidden ? badge(t('mod.hiddenBadge'), 'danger') : null,
      item.created_at ? h('time', { datetime: item.created_at }, formatDateTime(item.created_at)) : null),
    entry.kind === 'idea'
      ? h('h2', {}, h('a', { href: `/?idea=${enc(entry.id)}` }, item.title || entry.id))
      : h('h2', {}, t('mod.commentOn'), ' ', h('a', { href: `/?idea=${enc(item.idea_id || '')}` }, t('mod.theIdea'))),
    item.body ? h('p', { class: 'pre queue-body' }, item.body) : null,
    h('p', { class: 'meta' }, item.author ? h('span', {}, t('idea.by', { name: item.author.name })) : null, h('span', { class: 'flag-reason' }, t('mod.flagged', { reason: entry.reason }))),
  );
  const form = h('form', { class: 'inline-form', novalidate: true }, reason.row, h('div', { class: 'actions' }, restore, hide), alert);
  card.append(form);
  async function act(button, action, body) {
    busy(button, true);
    try {
      await post(`${path}/${action}`, body);
      toast(action === 'hide' ? t('mod.hidden') : t('mod.restored'));
      replace(card, h('p', { class: 'muted done-note' }, action === 'hide' ? t('mod.hidden') : t('mod.restored')));
      card.classList.add('resolved');
    } catch (error) {
      showFormErrors(alert, { reason }, error);
      busy(button, false);
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(hide, 'hide', { reason: reason.control.value });
  });
  restore.addEventListener('click', () => act(restore, 'restore', undefined));
  return card;
}

export async function queuePage({ main }) {
  const title = t('queue.title');
  const list = h('div', {});
  replace(main, pageHeader(title, h('p', { class: 'lead' }, t('queue.lead'))), list);
  await pagedList(list, (cursor) => get(withQuery('/moderation/queue', { limit: 20, cursor })), {
    render: queueCard,
    key: (entry) => `${entry.kind}:${entry.id}`,
    empty: emptyState(t('queue.empty'), t('queue.emptyText')),
  });
}

function hiddenCard(entry) {
  const item = entry.item || {};
  const path = entry.kind === 'idea' ? `/ideas/${enc(entry.id)}` : `/comments/${enc(entry.id)}`;
  const restore = h('button', { type: 'button', class: 'button primary', testid: 'hidden-restore' }, t('mod.restore'));
  const card = h(
    'article',
    { class: 'card queue-card', testid: 'hidden-item' },
    h('div', { class: 'alert-head' },
      badge(label('kind', entry.kind), entry.kind === 'idea' ? 'info' : 'neutral'),
      h('span', {}, t('hidden.by', { name: entry.hidden_by?.name || '' })),
      h('time', { datetime: entry.hidden_at }, formatDateTime(entry.hidden_at))),
    entry.kind === 'idea'
      ? h('h2', {}, h('a', { href: `/?idea=${enc(entry.id)}` }, item.title || entry.id))
      : h('h2', {}, t('mod.commentOn'), ' ', h('a', { href: `/?idea=${enc(item.idea_id || '')}` }, t('mod.theIdea'))),
    item.body ? h('p', { class: 'pre queue-body' }, item.body) : null,
    h('p', { class: 'meta' }, item.author ? h('span', {}, t('idea.by', { name: item.author.name })) : null, h('span', { class: 'flag-reason' }, t('history.reason', { reason: entry.reason }))),
    h('div', { class: 'actions' }, restore),
  );
  restore.addEventListener('click', async () => {
    busy(restore, true);
    try {
      await post(`${path}/restore`);
      toast(t('mod.restored'));
      replace(card, h('p', { class: 'muted done-note' }, t('mod.restored')));
      card.classList.add('resolved');
    } catch (error) {
      toast(error.message || t('error.network'));
      busy(restore, false);
    }
  });
  return card;
}

/** What moderators hid, newest first: found again and restored from here. */
export async function hiddenPage({ main }) {
  const list = h('div', {});
  replace(main, pageHeader(t('hidden.title'), h('p', { class: 'lead' }, t('hidden.lead'))), list);
  await pagedList(list, (cursor) => get(withQuery('/moderation/hidden', { limit: 20, cursor })), {
    render: hiddenCard,
    key: (entry) => `${entry.kind}:${entry.id}`,
    empty: emptyState(t('hidden.empty'), t('hidden.emptyText')),
  });
}

// What an audit event changed, in the reader's language: each field by its name in the portal,
// statuses by their label, ideas by a link; the internal ids (comment_id) are not shown.
const FIELD_KEYS = { title: 'field.title', body: 'field.body', status: 'field.status', response: 'field.response', merged_into: 'field.mergedInto', merged_from: 'field.mergedFrom' };

function shownValue(key, value) {
  if (value === null || value === undefined || value === '') return '—';
  if (key === 'status') return label('status', value);
  if (key === 'merged_into' || key === 'merged_from') return h('a', { href: `/?idea=${enc(value)}` }, t('history.seeIdea'));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function changeList(before, after) {
  const keys = [...new Set([...Object.keys(before || {}), ...Object.keys(after || {})])].filter((key) => key in FIELD_KEYS);
  if (!keys.length) return null;
  return h('dl', { class: 'changes' }, keys.map((key) => [
    h('dt', {}, t(FIELD_KEYS[key])),
    h('dd', {},
      before && key in before ? h('del', {}, shownValue(key, before[key])) : null,
      before && key in before && after && key in after ? ' → ' : null,
      after && key in after ? h('ins', {}, shownValue(key, after[key])) : null),
  ]));
}

/** A hidden comment can be restored from the idea's history, where its hiding is recorded. */
function restoreComment(commentId) {
  const button = h('button', { type: 'button', class: 'button small', testid: 'restore-comment' }, t('mod.restoreComment'));
  button.addEventListener('click', async () => {
    busy(button, true);
    try {
      await post(`/comments/${enc(commentId)}/restore`);
      toast(t('mod.restored'));
      button.replaceWith(h('span', { class: 'muted' }, t('mod.restored')));
    } catch (error) {
      toast(error.message || t('error.network'));
      busy(button, false);
    }
  });
  return button;
}

export async function historyPage({ main, params, user }) {
  const id = params.get('idea');
  const title = t('history.title');
  const idea = await get(`/ideas/${enc(id)}`).catch(() => null);
  const list = h('div', {});
  replace(
    main,
    h('nav', { class: 'breadcrumbs', 'aria-label': t('nav.breadcrumbs') }, h('a', { href: `/?idea=${enc(id)}` }, idea ? idea.title : t('mod.theIdea')), ' / ', h('span', {}, title)),
    pageHeader(title, idea ? h('p', { class: 'lead' }, idea.title) : null),
    list,
  );
  await pagedList(list, (cursor) => get(withQuery(`/ideas/${enc(id)}/history`, { limit: 50, cursor })), {
    key: (event) => `${event.at}|${event.action}|${event.actor?.id}`,
    render: (event) => h(
      'article',
      { class: 'history-event', testid: 'history-event' },
      h('div', { class: 'alert-head' }, badge(label('action', event.action), 'neutral'), h('time', { datetime: event.at }, formatDateTime(event.at)), h('span', {}, event.actor?.name || '')),
      event.reason ? h('p', {}, t('history.reason', { reason: event.reason })) : null,
      changeList(event.before, event.after),
      event.action === 'comment_hidden' && event.after?.comment_id && hasRole(user, 'moderator') ? restoreComment(event.after.comment_id) : null,
    ),
    empty: emptyState(t('history.empty'), ''),
  });
}
