// Shared pieces of every page: headings, empty states, form fields with inline errors, toasts.

import { ApiError } from './api.js';
import { h, nextId, replace } from './dom.js';
import { t } from './i18n.js';

export function pageHeader(title, ...extra) {
  return h('div', { class: 'page-header' }, h('h1', { tabindex: '-1', class: 'page-title' }, title), ...extra);
}

export function emptyState(title, text, ...actions) {
  return h(
    'div',
    { class: 'empty-state', testid: 'empty-state' },
    h('svg:svg', { viewBox: '0 0 48 48', class: 'empty-icon', 'aria-hidden': 'true' },
      h('svg:circle', { cx: 24, cy: 24, r: 20, class: 'empty-ring' }),
      h('svg:path', { d: 'M16 26h16M18 19h.01M30 19h.01', class: 'empty-mark' })),
    h('h2', {}, title),
    text ? h('p', {}, text) : null,
    actions.length ? h('div', { class: 'actions' }, ...actions) : null,
  );
}

/** A page for what does not exist (an unknown address, or a 404 from the API): heading and state. */
export function notFound(title = t('notFound.title'), text = t('notFound.text')) {
  return [pageHeader(title), emptyState(title, text, h('a', { class: 'button', href: '/' }, t('nav.boards')))];
}

export function errorBox(error) {
  const text = error instanceof ApiError ? error.message : t('error.network');
  return h('div', { class: 'alert alert-error', role: 'alert' }, h('strong', {}, t('error.title')), ' ', text);
}

export function signInPrompt(text) {
  const next = location.pathname + location.search;
  return emptyState(
    t('signin.needed'),
    text,
    h('a', { class: 'button primary', href: `/?view=signin&next=${encodeURIComponent(next)}` }, t('nav.signin')),
  );
}

/**
 * A labelled control with a slot for its inline error. kind: input | textarea | select | checkbox.
 * Returns {row, control, setError}.
 */
export function field({ name, labelText, kind = 'input', type = 'text', value, options, testid, hint, attrs = {} }) {
  const id = nextId(`f-${name}`);
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  let control;
  if (kind === 'textarea') {
    control = h('textarea', { id, name, testid, rows: 5, ...attrs });
    control.value = value ?? '';
  } else if (kind === 'select') {
    control = h(
      'select',
      { id, name, testid, ...attrs },
      options.map((option) => h('option', { value: option.value, selected: option.value === value }, option.label)),
    );
  } else if (kind === 'checkbox') {
    control = h('input', { id, name, type: 'checkbox', testid, checked: Boolean(value), ...attrs });
  } else {
    control = h('input', { id, name, type, testid, value: value ?? '', ...attrs });
  }
  const error = h('p', { id: errorId, class: 'field-error', hidden: true });
  if (hintId) control.setAttribute('aria-describedby', hintId);
  const labelEl = h('label', { for: id }, labelText);
  const row =
    kind === 'checkbox'
      ? h('div', { class: 'field field-check' }, control, labelEl, hint ? h('p', { id: hintId, class: 'hint' }, hint) : null, error)
      : h('div', { class: 'field' }, labelEl, hint ? h('p', { id: hintId, class: 'hint' }, hint) : null, control, error);
  function setError(messages) {
    if (messages && messages.length) {
      replace(error, messages.join(' '));
      error.hidden = false;
      error.setAttribute('data-testid', 'form-error');
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
    } else {
      error.hidden = true;
      error.removeAttribute('data-testid');
      control.removeAttribute('aria-invalid');
      if (hintId) control.setAttribute('aria-describedby', hintId);
      else control.removeAttribute('aria-describedby');
    }
  }
  return { row, control, setError };
}

/**
 * Shows an API error on a form: each of `fields` next to its control, anything else in the
 * form's own alert. Returns true when it was a validation error.
 */
export function showFormErrors(formAlert, fieldsByName, error) {
  for (const entry of Object.values(fieldsByName)) entry.setError(null);
  replace(formAlert);
  formAlert.hidden = true;
  formAlert.removeAttribute('data-testid');
  if (!(error instanceof ApiError)) {
    replace(formAlert, t('error.network'));
    formAlert.hidden = false;
    formAlert.setAttribute('data-testid', 'form-error');
    return false;
  }
  const leftover = [];
  for (const [name, messages] of Object.entries(error.fields || {})) {
    const entry = fieldsByName[name];
    // An empty field the API refuses is simply missing: say "required", not "1 to 2000" (the API
    // answers in the reader's language, so its wording is not matched here).
    const blank = entry && typeof entry.control.value === 'string' && !entry.control.value.trim();
    if (entry) entry.setError(blank ? [t('validation.required')] : messages.map(translateValidation));
    else leftover.push(...messages.map(translateValidation));
  }
  if (!Object.keys(error.fields || {}).length || leftover.length) {
    replace(formAlert, leftover.length ? leftover.join(' ') : error.message);
    formAlert.hidden = false;
    formAlert.setAttribute('data-testid', 'form-error');
  }
  const firstInvalid = Object.values(fieldsByName).find((entry) => entry.control.getAttribute('aria-invalid'));
  (firstInvalid ? firstInvalid.control : formAlert).focus?.();
  return error.code === 'validation_error';
}

/** marshmallow's English messages, in the reader's language where we know them. */
function translateValidation(message) {
  const length = /^Length must be between (\d+) and (\d+)\.$/.exec(message);
  if (length) return t('validation.length', { min: Number(length[1]), max: Number(length[2]) });
  const known = {
    'Missing data for required field.': 'validation.required',
    'Field may not be null.': 'validation.required',
    'Must be one of': 'validation.choice',
    'Not a valid email address.': 'validation.email',
  };
  for (const [prefix, key] of Object.entries(known)) if (message.startsWith(prefix)) return t(key);
  return message;
}

export function formAlert() {
  return h('div', { class: 'alert alert-error', role: 'alert', hidden: true, tabindex: '-1' });
}

let toastTimer;
export function toast(text) {
  const box = document.getElementById('toast');
  replace(box, text);
  box.classList.add('visible');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => box.classList.remove('visible'), 4000);
}

export function badge(text, tone) {
  return h('span', { class: `badge badge-${tone}` }, text);
}

export function busy(button, on) {
  button.disabled = on;
  button.setAttribute('aria-busy', on ? 'true' : 'false');
}
