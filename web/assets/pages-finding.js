// Finding ideas before posting: search results (the box is search-box.js), hints while a new
// idea's title is typed, and the "possible duplicates" page of the team and moderators.

import { ApiError, get, hasRole, post, put, withQuery } from './api.js';
import { h, nextId, replace } from './dom.js';
import { formatNumber, label, t } from './i18n.js';
import { PHASES, STATUSES, ideaCard, statusBadge } from './ideas.js';
import { pagedList } from './list.js';
import { QUERY_MAX, QUERY_MIN, go, searchBox } from './search-box.js';
import { busy, emptyState, errorBox, pageHeader, signInPrompt, toast } from './ui.js';

const enc = encodeURIComponent;
// Hints wait for a pause in typing: one call per pause, not per key.
const HINT_DELAY_MS = 400;
const HINT_MIN_TITLE = 3;

function scoredCard(item) {
  return ideaCard(item.idea);
}

/** /?view=search&q=...&product=&phase=&status= */
export async function searchPage({ main, params }) {
  const q = (params.get('q') || '').trim().slice(0, QUERY_MAX);
  const product = params.get('product') || '';
  const phase = PHASES.includes(params.get('phase')) ? params.get('phase') : '';
  const status = STATUSES.includes(params.get('status')) ? params.get('status') : '';
  const heading = pageHeader(q ? t('search.resultsFor', { q }) : t('search.title'), searchBox({ product, value: q }));
  const results = h('div', { class: 'search-results', testid: 'search-results' });
  replace(main, heading, results);
  if (q.length < QUERY_MIN) {
    replace(results, emptyState(t('search.prompt'), t('search.promptText')));
    return;
  }
  try {
    const found = await get(withQuery('/search', { q, product, phase, status, limit: 20 }));
    if (!found.items.length) {
      replace(results, emptyState(t('search.empty'), t('search.emptyText'), h('a', { class: 'button', href: withQuery('/', { view: 'new', product }) }, t('board.newIdea'))));
      return;
    }
    replace(
      results,
      h('p', { class: 'muted', role: 'status' }, t('search.count', { count: found.items.length })),
      h('div', { class: 'card-list' }, found.items.map(scoredCard)),
    );
  } catch (error) {
    replace(results, errorBox(error));
  }
}

function hintItem(item, { onVoted }) {
  const idea = item.idea;
  const vote = h('button', { type: 'button', class: 'button secondary', testid: 'hint-vote' }, t('hints.voteInstead'));
  vote.addEventListener('click', async () => {
    busy(vote, true);
    try {
      await put(`/ideas/${enc(idea.id)}/vote`);
      toast(t('hints.voted'));
      onVoted(idea);
    } catch (error) {
      toast(error instanceof ApiError ? error.message : t('error.network'));
      busy(vote, false);
    }
  });
  return h(
    'li',
    { class: 'hint', testid: 'hint' },
    h('a', { href: `/?idea=${enc(idea.id)}`, class: 'hint-title', testid: 'hint-title' }, idea.title),
    h('span', { class: 'meta' }, statusBadge(idea.status), h('span', {}, label('phase', idea.phase)), h('span', {}, t('hints.votes', { count: idea.vote_count }))),
    idea.voted ? h('span', { class: 'muted' }, t('hints.alreadyVoted')) : vote,
  );
}

/**
 * Hints under a title being typed: after a pause, the ideas that may be the same request (any
 * language), each with "vote for this instead". The region is polite: a screen reader hears
 * that hints appeared without losing its place in the form.
 */
export function attachHints({ title, product }) {
  const region = h('section', { class: 'hints', testid: 'hints', 'aria-live': 'polite', hidden: true });
  let timer = null;
  let asked = '';
  let ticket = 0;
  async function ask() {
    const text = title.value.trim();
    const key = `${product.value}\n${text}`;
    if (key === asked) return;
    asked = key;
    const mine = ++ticket;
    if (text.length < HINT_MIN_TITLE) {
      region.hidden = true;
      replace(region);
      return;
    }
    try {
      const found = await post('/ideas/similar', { title: text.slice(0, 140), product: product.value || undefined });
      if (mine !== ticket) return; // typing went on; a newer answer is on its way
      if (!found.items.length) {
        region.hidden = true;
        replace(region);
        return;
      }
      region.hidden = false;
      replace(
        region,
        h('h2', { class: 'hints-title' }, t('hints.title')),
        h('p', { class: 'muted' }, t('hints.lead')),
        h('ul', { class: 'hint-list' }, found.items.map((item) => hintItem(item, { onVoted: (idea) => go(`/?idea=${enc(idea.id)}`) }))),
      );
    } catch {
      // Hints are a help, never a gate: when they fail (rate limit, offline), posting still works.
      if (mine === ticket) region.hidden = true;
    }
  }
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(ask, HINT_DELAY_MS);
  };
  title.addEventListener('input', later);
  product.addEventListener('change', later);
  return region;
}

function pairCard(pair, { user, onDone }) {
  const actions = h('div', { class: 'actions' });
  const merge = (source, target) => {
    const button = h('button', { type: 'button', class: 'button secondary', testid: 'pair-merge' }, t('duplicates.merge', { title: source.title }));
    button.addEventListener('click', async () => {
      busy(button, true);
      try {
        await post(`/ideas/${enc(source.id)}/merge`, { into: target.id });
        toast(t('duplicates.merged'));
        onDone();
      } catch (error) {
        toast(error instanceof ApiError ? error.message : t('error.network'));
        busy(button, false);
      }
    });
    return button;
  };
  if (hasRole(user, 'product')) actions.append(merge(pair.a, pair.b), merge(pair.b, pair.a));
  const dismiss = h('button', { type: 'button', class: 'button ghost', testid: 'pair-dismiss' }, t('duplicates.dismiss'));
  dismiss.addEventListener('click', async () => {
    busy(dismiss, true);
    try {
      await post('/moderation/duplicates/dismiss', { a: pair.a.id, b: pair.b.id });
      toast(t('duplicates.dismissed'));
      onDone();
    } catch (error) {
      toast(error instanceof ApiError ? error.message : t('error.network'));
      busy(dismiss, false);
    }
  });
  actions.append(dismiss);
  const titleId = nextId('pair');
  return h(
    'article',
    { class: 'card pair-card', testid: 'pair-card', 'aria-labelledby': titleId },
    h('h2', { id: titleId, class: 'pair-title' }, t('duplicates.similarity', { score: formatNumber(pair.score, { style: 'percent', maximumFractionDigits: 0 }) })),
    h('div', { class: 'pair-ideas' }, ideaCard(pair.a), ideaCard(pair.b)),
    actions,
  );
}

/** /?view=duplicates[&product=]: likely duplicate pairs, most likely first. */
export async function duplicatesPage({ main, params, user, rerender }) {
  if (!user) {
    replace(main, pageHeader(t('duplicates.title')), signInPrompt(''));
    return;
  }
  if (!hasRole(user, 'product', 'moderator')) {
    replace(main, pageHeader(t('duplicates.title')), emptyState(t('duplicates.forbidden'), ''));
    return;
  }
  const product = params.get('product') || '';
  const list = h('div', {});
  replace(main, pageHeader(t('duplicates.title'), h('p', { class: 'lead' }, t('duplicates.lead'))), list);
  await pagedList(list, (cursor) => get(withQuery('/moderation/duplicates', { product, limit: 10, cursor })), {
    render: (pair) => pairCard(pair, { user, onDone: rerender }),
    empty: emptyState(t('duplicates.empty'), t('duplicates.emptyText')),
    key: (pair) => `${pair.a.id}:${pair.b.id}`,
  });
}
