// The search box of the home page and of every board: small, so that a first visit needs none
// of the search results, hints or duplicates code (pages-finding.js loads on first use).

import { withQuery } from './api.js';
import { h, nextId } from './dom.js';
import { t } from './i18n.js';

// The API answers 400 outside 2–200 characters; the box says so before asking.
export const QUERY_MIN = 2;
export const QUERY_MAX = 200;

/** Ask the shell to show another page (app.js listens). */
export function go(url) {
  window.dispatchEvent(new CustomEvent('cocrea:navigate', { detail: url }));
}

/** A search form (role=search): a labelled box and a button; Enter or the button searches. */
export function searchBox({ product = '', value = '' } = {}) {
  const id = nextId('search');
  const input = h('input', {
    id,
    type: 'search',
    name: 'q',
    value,
    minlength: String(QUERY_MIN),
    maxlength: String(QUERY_MAX),
    autocomplete: 'off',
    class: 'search-input',
    testid: 'search-input',
    placeholder: t('search.placeholder'),
  });
  const problem = h('p', { class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true });
  const form = h(
    'form',
    { role: 'search', class: 'search-box', testid: 'search-box', 'aria-label': t('search.label'), novalidate: true },
    h('label', { for: id, class: 'sr-only' }, product ? t('search.labelBoard') : t('search.label')),
    input,
    h('button', { type: 'submit', class: 'button primary', testid: 'search-submit' }, t('search.submit')),
    problem,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = input.value.trim();
    if (q.length < QUERY_MIN) {
      problem.textContent = t('search.tooShort', { count: QUERY_MIN });
      problem.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', problem.id);
      input.focus();
      return;
    }
    go(withQuery('/', { view: 'search', q, product }));
  });
  return form;
}
