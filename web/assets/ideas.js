// Ideas as cards, the vote toggle, statuses: shared by boards, feed, topics and profile.

import { ApiError, del, put, session } from './api.js';
import { h, replace } from './dom.js';
import { formatDate, formatDateTime, formatNumber, formatRelative, label, t } from './i18n.js';
import { personName } from './people.js';
import { badge, toast } from './ui.js';

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

const INTENT_KEY = 'cocrea.voteIntent';

/**
 * A vote asked for while signed out: kept (this tab) through the sign-in and cast once the
 * reader is back, so the click that sent them to sign in is not lost.
 */
const INTENT_LIFETIME_MS = 15 * 60 * 1000; // an abandoned sign-in does not vote hours later

export async function castPendingVote() {
  if (!session()) return;
  let intent = null;
  try {
    intent = JSON.parse(sessionStorage.getItem(INTENT_KEY) || 'null');
  } catch {
    intent = null;
  }
  sessionStorage.removeItem(INTENT_KEY);
  if (!intent?.id || !(Date.now() - intent.at < INTENT_LIFETIME_MS)) return;
  const ideaId = intent.id;
  try {
    await put(`/ideas/${encodeURIComponent(ideaId)}/vote`);
    toast(t('vote.done'));
  } catch (error) {
    toast(error instanceof ApiError ? error.message : t('error.network'));
  }
}

/** The vote toggle and its count; signed-out readers are sent to sign in, and the vote waits. */
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
      sessionStorage.setItem(INTENT_KEY, JSON.stringify({ id: idea.id, at: Date.now() }));
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

/** A merged idea, listed once as a pointer to the idea it lives on in. */
function mergedCard(idea) {
  return h(
    'article',
    { class: 'card idea-card idea-card-merged', testid: 'idea-card', dataset: { ideaId: idea.id } },
    h('div', { class: 'idea-card-body' },
      h('h2', { class: 'idea-card-title' }, h('a', { href: `/?idea=${encodeURIComponent(idea.id)}`, testid: 'idea-title' }, idea.title)),
      h('p', { class: 'meta' }, statusBadge('merged'), ' ',
        idea.merged_into ? h('a', { href: `/?idea=${encodeURIComponent(idea.merged_into)}`, testid: 'merged-target' }, t('idea.seeTarget')) : null)),
  );
}

/**
 * An idea as a card. products: a Map slug → name, where the list mixes boards (the feed, a
 * topic), so each card says which product the idea is about.
 */
export function ideaCard(idea, { products } = {}) {
  if (idea.status === 'merged') return mergedCard(idea);
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
        products ? h('a', { class: 'product-name', testid: 'idea-product', href: `/?product=${encodeURIComponent(idea.product)}` }, products.get(idea.product) || idea.product) : null,
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

export function officialResponse(response) {
  return h(
    'section',
    { class: 'official', 'aria-labelledby': 'official-title' },
    h('h2', { id: 'official-title' }, t('idea.official')),
    h('p', { class: 'pre' }, response.body),
    h('p', { class: 'byline' }, personName(response.author), ' · ', h('time', { datetime: response.at }, formatDate(response.at))),
  );
}
