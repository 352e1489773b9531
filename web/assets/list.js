// The one component for every paged list of the API ({items, next_cursor}): boards, the feed,
// "my ideas", a topic's ideas, alerts, the moderation lists, history, segment members, comments.
//
// Its promises: each item is shown once (a page that repeats an item, as a ranking that moves
// between two pages can, does not show it twice), "load more" is offered only while the API
// gives a next_cursor, and a failed page keeps what is already shown and offers to try again.

import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { emptyState, errorBox } from './ui.js';

const byId = (item) => item.id;

/**
 * Shows a paged list in `container`. fetchPage(cursor) → {items, next_cursor}; the first call gets
 * cursor null. Options:
 *   render(item) → Node          one item (default: the caller must give one)
 *   empty: Node | null           shown instead when the whole list is empty (null: the empty list
 *                                stays, as comments do under their form)
 *   key(item) → string           the identity that makes an item "the same" (default: item.id)
 *   list: Element                the element items go into (default: a card list); an <ol>, a <tbody>...
 *   frame(list) → Node           what wraps the list on the page (a <table> around a <tbody>)
 * Resolves, once the first page is shown, to {list, add(item, {atStart}), size()}.
 */
export async function pagedList(container, fetchPage, { render, empty, key = byId, list, frame = (inner) => inner } = {}) {
  const items = list || h('div', { class: 'card-list' });
  const seen = new Set();
  const more = h('button', { type: 'button', class: 'button secondary load-more', testid: 'load-more', hidden: true }, t('list.more'));
  const problem = h('div', { class: 'list-problem' });
  const footer = h('div', { class: 'list-footer' }, problem, more);
  let cursor = null;
  let loading = false;
  let emptyShown = false;

  function show(item, atStart = false) {
    const id = key(item);
    if (id !== undefined && id !== null) {
      if (seen.has(id)) return false;
      seen.add(id);
    }
    const node = render(item);
    if (atStart) items.prepend(node);
    else items.append(node);
    return true;
  }

  async function loadPage({ first = false } = {}) {
    if (loading || (!first && !cursor)) return; // nothing more to ask for: never the first page again
    loading = true;
    more.disabled = true;
    more.setAttribute('aria-busy', 'true');
    replace(problem);
    try {
      const page = await fetchPage(cursor);
      const added = page.items.filter((item) => show(item)).length;
      // A page that brings nothing new ends the list even with a cursor: no endless "load more".
      cursor = added ? page.next_cursor || null : null;
      more.hidden = !cursor;
      if (first && !seen.size && !items.childElementCount && empty !== null) {
        replace(container, empty || emptyState(t('list.empty'), ''));
        emptyShown = true;
      } else if (!first && !cursor) {
        // The button that had focus is gone: keep the reader at the end of what they loaded.
        items.lastElementChild?.setAttribute('tabindex', '-1');
        items.lastElementChild?.focus({ preventScroll: true });
      }
    } catch (error) {
      if (first) throw error;
      replace(problem, errorBox(error));
    } finally {
      loading = false;
      more.disabled = false;
      more.setAttribute('aria-busy', 'false');
    }
  }

  more.addEventListener('click', () => loadPage());
  replace(container, frame(items), footer);
  try {
    await loadPage({ first: true });
  } catch (error) {
    replace(container, errorBox(error));
  }
  return {
    list: items,
    add(item, { atStart = false } = {}) {
      if (emptyShown) replace(container, frame(items), footer); // the first item of an empty list
      emptyShown = false;
      return show(item, atStart);
    },
    size: () => seen.size,
  };
}
