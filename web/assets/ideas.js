// Ideas as cards and lists, the vote toggle, statuses: shared by boards, feed, topics and profile.

import { ApiError, del, isMissing, put, session } from './api.js';
import { h, replace } from './dom.js';
import { formatDate, formatDateTime, formatNumber, formatRelative, label, t } from './i18n.js';
import { personName } from './people.js';
import { badge, emptyState, errorBox, toast } from './ui.js';

export const PHASES = ['design', 'development', 'testing', 'provision', 'installation', 'modification'];
export const WORKFLOW_STATUSES = ['open', 'under_review', 'planned', 'in_progress', 'done', 'declined'];
export const STATUSES = [...WORKFLOW_STATUSES, 'merged'];
const STATUS_TONES = {
  open: 'neutral',
  under_review: 'info',
  planned: 'accent',
  in_progress: 'warning',
  done: 'success',
  declined: 'muted',
  merged: 'muted',
  pending_moderation: 'warning',
};

export function statusBadge(status) {
  return badge(label('status', status), STATUS_TONES[status] || 'neutral');
}

export function timeTag(iso) {
  return h('time', { datetime: iso, title: formatDateTime(iso) }, formatRelative(iso));
}

/** The vote toggle and its count; signed-out readers are sent to sign in. */
export function voteControl(idea, { large = false } = {}) {
  const count = h('span', { class: 'vote-count', testid: 'vote-count' }, formatNumber(idea.vote_count));
  const button = h(
    'button',
    {
      type: 'button',
      class: `vote-button${idea.voted ? ' voted' : ''}`,
      testid: 'vote-button',
      'aria-pressed': idea.voted ? 'true' : 'false',
      'aria-label': t('vote.label', { title: idea.title }),
      disabled: idea.status === 'merged',
    },
    h('svg:svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', class: 'vote-icon' }, h('svg:path', { d: 'M12 5l7 9H5z' })),
  );
  button.addEventListener('click', async () => {
    if (!session()) {
      const next = encodeURIComponent(location.pathname + location.search);
      window.dispatchEvent(new CustomEvent('cocrea:navigate', { detail: `/?view=signin&next=${next}` }));
      return;
    }
    const voting = button.getAttribute('aria-pressed') !== 'true';
    button.disabled = true;
    try {
      const result = voting ? await put(`/ideas/${encodeURIComponent(idea.id)}/vote`) : await del(`/ideas/${encodeURIComponent(idea.id)}/vote`);
      idea.vote_count = result.vote_count;
      idea.voted = result.voted;
      button.setAttribute('aria-pressed', result.voted ? 'true' : 'false');
      button.classList.toggle('voted', result.voted);
      replace(count, formatNumber(result.vote_count));
      toast(result.voted ? t('vote.done') : t('vote.undone'));
    } catch (error) {
      toast(error instanceof ApiError ? error.message : t('error.network'));
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: `vote${large ? ' vote-large' : ''}` }, button, count, h('span', { class: 'vote-caption' }, t('vote.caption', { count: idea.vote_count })));
}

export function ideaCard(idea) {
  const excerpt = idea.body.length > 220 ? `${idea.body.slice(0, 219)}…` : idea.body;
  return h(
    'article',
    { class: 'card idea-card', testid: 'idea-card', dataset: { ideaId: idea.id } },
    voteControl(idea),
    h(
      'div',
      { class: 'idea-card-body' },
      h('h2', { class: 'idea-card-title' }, h('a', { href: `/?idea=${encodeURIComponent(idea.id)}`, testid: 'idea-title' }, idea.title)),
      excerpt ? h('p', { class: 'excerpt' }, excerpt) : null,
      h(
        'div',
        { class: 'meta' },
        statusBadge(idea.status),
        idea.topic ? h('a', { class: 'chip', href: `/?topic=${encodeURIComponent(idea.topic.id)}` }, idea.topic.label) : null,
        h('span', {}, label('phase', idea.phase)),
        h('span', {}, personName(idea.author)),
        timeTag(idea.created_at),
        h('span', { class: 'comments-count' }, t('comments.count', { count: idea.comment_count })),
        idea.response ? h('span', { class: 'answered' }, t('idea.answered')) : null,
      ),
    ),
  );
}

/**
 * A list that fetches pages on demand: fetchPage(cursor) → {items, next_cursor}.
 * Renders items with `render`; shows `empty` when the first page is empty.
 */
export async function pagedList(container, fetchPage, { render = ideaCard, empty, onMissing } = {}) {
  const list = h('div', { class: 'card-list', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'button secondary load-more', hidden: true }, t('list.more'));
  replace(container, list, h('div', { class: 'list-footer' }, more));
  let cursor = null;
  let shown = 0;
  async function loadPage() {
    more.disabled = true;
    try {
      const page = await fetchPage(cursor);
      for (const item of page.items) list.append(render(item));
      shown += page.items.length;
      cursor = page.items.length ? page.next_cursor : null;
      more.hidden = !cursor;
      if (!shown) replace(container, empty || emptyState(t('list.empty'), ''));
    } catch (error) {
      if (onMissing && isMissing(error)) replace(container, onMissing());
      else replace(container, errorBox(error));
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', loadPage);
  await loadPage();
}

export function officialResponse(response) {
  return h(
    'section',
    { class: 'official', 'aria-labelledby': 'official-title' },
    h('h2', { id: 'official-title' }, t('idea.official')),
    h('p', { class: 'pre' }, response.body),
    h('p', { class: 'byline' }, personName(response.author), ' · ', h('time', { datetime: response.at }, formatDate(response.at))),
  );
}
