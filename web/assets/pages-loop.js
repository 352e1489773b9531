// Closing the loop: the public changelog and roadmap of a product, the team's "publish a
// release note" form, the admins' webhooks with their delivery log, and "my data".

import { ApiError, del, download, get, getAll, hasRole, post, signOut, withQuery } from './api.js';
import { h, replace } from './dom.js';
import { formatDate, formatDateTime, formatNumber, label, t } from './i18n.js';
import { statusBadge } from './ideas.js';
import { pagedList } from './list.js';
import { renderMarkdown } from './markdown.js';
import { personName } from './people.js';
import { badge, busy, emptyState, field, formAlert, pageHeader, showFormErrors, signInPrompt, toast } from './ui.js';

const enc = encodeURIComponent;
const ROADMAP_COLUMNS = ['planned', 'in_progress', 'done'];
const WEBHOOK_EVENTS = ['idea.created', 'idea.status_changed', 'idea.merged', 'comment.created', 'changelog.published'];
const MAX_LINKED_IDEAS = 50;

function forbidden(main, title) {
  replace(main, pageHeader(title), emptyState(t('role.forbidden'), t('role.forbiddenText')));
}

async function productsBySlug() {
  const products = await getAll('/products');
  return new Map(products.items.map((product) => [product.slug, product]));
}

function productSelect(products, value, { withAll = true, name = 'product' } = {}) {
  const options = [...products.values()].map((product) => ({ value: product.slug, label: product.name }));
  return field({
    name,
    labelText: t('filters.product'),
    kind: 'select',
    options: withAll ? [{ value: '', label: t('filters.allProducts') }, ...options] : options,
    value,
    testid: `${name}-select`,
  });
}

// ------------------------------------------------------------------ changelog

function releaseNote(note, products, { full = false } = {}) {
  const product = products.get(note.product);
  const heading = full ? h('h1', { tabindex: '-1', class: 'page-title' }, note.title) : h('h2', {}, h('a', { href: `/?changelog=${enc(note.id)}` }, note.title));
  return h(
    'article',
    { class: `card release-note${full ? ' release-note-full' : ''}`, testid: 'release-note', dataset: { noteId: note.id } },
    heading,
    h('p', { class: 'meta' },
      h('a', { href: withQuery('/', { view: 'changelog', product: note.product }) }, product ? product.name : note.product), ' · ',
      h('time', { datetime: note.published_at }, formatDate(note.published_at)), ' · ',
      personName(note.author)),
    h('div', { class: 'markdown', testid: 'release-body' }, renderMarkdown(note.body, { headingOffset: full ? 1 : 2 })),
    note.ideas.length
      ? h('section', { class: 'delivered' },
          h(full ? 'h2' : 'h3', {}, t('changelog.delivers', { count: note.ideas.length })),
          h('ul', { class: 'delivered-ideas' }, note.ideas.map((idea) =>
            h('li', { testid: 'delivered-idea' }, h('a', { href: `/?idea=${enc(idea.id)}` }, idea.title), ' ', statusBadge(idea.status)))))
      : null,
  );
}

export async function changelogPage({ main, params, navigate }) {
  const products = await productsBySlug();
  if (params.has('changelog')) {
    let note;
    try {
      note = await get(`/changelog/${enc(params.get('changelog'))}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        replace(main, pageHeader(t('changelog.title')), emptyState(t('changelog.notFound'), '', h('a', { class: 'button', href: '/?view=changelog' }, t('changelog.all'))));
        return;
      }
      throw error;
    }
    replace(main,
      h('nav', { class: 'breadcrumbs', 'aria-label': t('nav.breadcrumbs') }, h('a', { href: '/?view=changelog' }, t('changelog.title')), ' / ', h('span', {}, note.title)),
      releaseNote(note, products, { full: true }));
    return;
  }
  const slug = params.get('product') || '';
  const product = productSelect(products, slug);
  product.control.addEventListener('change', () => navigate(withQuery('/', { view: 'changelog', product: product.control.value })));
  const list = h('div', {});
  const name = products.get(slug)?.name;
  replace(main,
    pageHeader(name ? t('changelog.titleOf', { product: name }) : t('changelog.title'), h('p', { class: 'lead' }, t('changelog.lead'))),
    h('div', { class: 'toolbar' }, product.row, h('a', { class: 'button toolbar-action', href: withQuery('/', { view: 'roadmap', product: slug }) }, t('roadmap.title'))),
    list);
  await pagedList(list, (cursor) => get(withQuery('/changelog', { product: slug, limit: 10, cursor })), {
    list: h('div', { class: 'card-list', 'aria-live': 'polite' }),
    render: (note) => releaseNote(note, products),
    empty: emptyState(t('changelog.empty'), t('changelog.emptyText')),
  });
}

// ------------------------------------------------------------------ roadmap

export async function roadmapPage({ main, params, navigate }) {
  const products = await productsBySlug();
  const slug = params.get('product') || [...products.keys()][0] || '';
  const product = productSelect(products, slug, { withAll: false });
  product.control.addEventListener('change', () => navigate(withQuery('/', { view: 'roadmap', product: product.control.value })));
  const name = products.get(slug)?.name || slug;
  if (!slug) {
    replace(main, pageHeader(t('roadmap.title')), emptyState(t('roadmap.noProducts'), ''));
    return;
  }
  const columns = await Promise.all(ROADMAP_COLUMNS.map((status) => get(withQuery('/ideas', { product: slug, status, sort: 'top', limit: 50 }))));
  replace(main,
    pageHeader(t('roadmap.titleOf', { product: name }), h('p', { class: 'lead' }, t('roadmap.lead'))),
    h('div', { class: 'toolbar' }, product.row, h('a', { class: 'button toolbar-action', href: withQuery('/', { view: 'changelog', product: slug }) }, t('changelog.title'))),
    h('div', { class: 'roadmap', testid: 'roadmap' }, ROADMAP_COLUMNS.map((status, index) =>
      h('section', { class: 'roadmap-column', testid: `roadmap-${status}`, 'aria-labelledby': `roadmap-${status}-title` },
        h('h2', { id: `roadmap-${status}-title` }, label('status', status), ' ', h('span', { class: 'muted' }, formatNumber(columns[index].items.length))),
        columns[index].items.length
          ? h('ul', { class: 'roadmap-items' }, columns[index].items.map((idea) =>
              h('li', { class: 'card roadmap-item', testid: 'roadmap-item' },
                h('a', { href: `/?idea=${enc(idea.id)}` }, idea.title),
                h('span', { class: 'muted' }, formatNumber(idea.vote_count), ' ', t('vote.caption', { count: idea.vote_count }), ' · ', label('phase', idea.phase)))))
          : h('p', { class: 'muted' }, t('roadmap.columnEmpty'))))));
}

// ------------------------------------------------------------------ publish a release note

export async function publishPage({ main, params, user, navigate }) {
  const title = t('publish.title');
  if (!user) return replace(main, pageHeader(title), signInPrompt(t('publish.signin')));
  if (!hasRole(user, 'product')) return forbidden(main, title);
  const products = await productsBySlug();
  const slug = params.get('product') || [...products.keys()][0] || '';
  const product = productSelect(products, slug, { withAll: false });
  product.control.addEventListener('change', () => navigate(withQuery('/', { view: 'publish', product: product.control.value }), { replaceState: true }));
  const noteTitle = field({ name: 'title', labelText: t('publish.noteTitle'), testid: 'note-title', attrs: { maxlength: 140, required: true } });
  const body = field({ name: 'body', labelText: t('publish.body'), kind: 'textarea', testid: 'note-body', hint: t('publish.bodyHint'), attrs: { rows: 10, maxlength: 20000 } });
  const preview = h('div', { class: 'markdown preview', testid: 'note-preview', 'aria-live': 'polite' });
  body.control.addEventListener('input', () => replace(preview, renderMarkdown(body.control.value)));

  const candidates = slug ? (await get(withQuery('/ideas', { product: slug, sort: 'top', limit: 100 }))).items.filter((idea) => !['declined', 'merged'].includes(idea.status)) : [];
  const chosen = new Set();
  const counter = h('p', { class: 'hint', testid: 'picked-count', 'aria-live': 'polite' }, t('publish.picked', { count: 0, max: MAX_LINKED_IDEAS }));
  const search = field({ name: 'idea-search', labelText: t('publish.search'), type: 'search', testid: 'idea-search' });
  const ideasError = h('p', { class: 'field-error', hidden: true, id: 'ideas-error' });
  const options = candidates.map((idea) => {
    const id = `pick-${idea.id}`;
    const box = h('input', { type: 'checkbox', id, value: idea.id, testid: 'idea-pick' });
    box.addEventListener('change', () => {
      if (box.checked && chosen.size >= MAX_LINKED_IDEAS) box.checked = false;
      if (box.checked) chosen.add(idea.id);
      else chosen.delete(idea.id);
      replace(counter, t('publish.picked', { count: chosen.size, max: MAX_LINKED_IDEAS }));
    });
    return h('li', { class: 'pick', dataset: { title: idea.title.toLowerCase() } }, box, h('label', { for: id }, idea.title, ' ', statusBadge(idea.status)));
  });
  search.control.addEventListener('input', () => {
    const query = search.control.value.trim().toLowerCase();
    for (const option of options) option.hidden = Boolean(query) && !option.dataset.title.includes(query);
  });
  const picker = h('fieldset', { class: 'idea-picker', 'aria-describedby': 'ideas-error' },
    h('legend', {}, t('publish.ideas')),
    h('p', { class: 'hint' }, t('publish.ideasHint')),
    search.row,
    candidates.length ? h('ul', { class: 'pick-list', testid: 'idea-picker' }, options) : h('p', { class: 'muted' }, t('publish.noIdeas')),
    counter,
    ideasError);
  const alert = formAlert();
  const submit = h('button', { type: 'submit', class: 'button primary', testid: 'publish-submit' }, t('publish.submit'));
  const fieldsByName = {
    title: noteTitle,
    body,
    product,
    ideas: { control: picker, setError: (messages) => { replace(ideasError, (messages || []).join(' ')); ideasError.hidden = !(messages && messages.length); if (messages && messages.length) ideasError.setAttribute('data-testid', 'form-error'); } },
  };
  const form = h('form', { class: 'card form', novalidate: true, testid: 'publish-form' },
    alert, product.row, noteTitle.row, body.row, h('h2', { class: 'section-title' }, t('publish.preview')), preview, picker, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    busy(submit, true);
    try {
      const note = await post('/changelog', { title: noteTitle.control.value, body: body.control.value, product: product.control.value, ideas: [...chosen] });
      toast(t('publish.done'));
      navigate(`/?changelog=${enc(note.id)}`);
    } catch (error) {
      showFormErrors(alert, fieldsByName, error);
      busy(submit, false);
    }
  });
  replace(main, pageHeader(title, h('p', { class: 'lead' }, t('publish.lead'))), form);
}

// ------------------------------------------------------------------ webhooks (admin)

function deliveryRow(delivery) {
  const tone = { delivered: 'success', failed: 'muted', pending: 'warning' }[delivery.state] || 'neutral';
  return h('tr', { testid: 'delivery-row', dataset: { deliveryId: delivery.id } },
    h('td', {}, h('code', {}, delivery.event)),
    h('td', {}, h('time', { datetime: delivery.at }, formatDateTime(delivery.at))),
    h('td', {}, formatNumber(delivery.attempts)),
    h('td', {}, delivery.status_code === null ? '—' : String(delivery.status_code)),
    h('td', {}, badge(t(`webhooks.state.${delivery.state}`), tone)));
}

async function deliveryLog(main, webhookId) {
  const title = t('webhooks.log');
  const tableHolder = h('div', { class: 'table-wrap' });
  replace(main,
    h('nav', { class: 'breadcrumbs', 'aria-label': t('nav.breadcrumbs') }, h('a', { href: '/?view=webhooks' }, t('webhooks.title')), ' / ', h('span', {}, title)),
    pageHeader(title),
    tableHolder);
  await pagedList(tableHolder, (cursor) => get(withQuery(`/webhooks/${enc(webhookId)}/deliveries`, { limit: 50, cursor })), {
    list: h('tbody', {}),
    frame: (rows) => h('table', { class: 'data-table', testid: 'delivery-log' },
      h('caption', { class: 'visually-hidden' }, title),
      h('thead', {}, h('tr', {}, ['event', 'at', 'attempts', 'status', 'state'].map((key) => h('th', { scope: 'col' }, t(`webhooks.col.${key}`))))),
      rows),
    render: deliveryRow,
    empty: emptyState(t('webhooks.noDeliveries'), t('webhooks.noDeliveriesText')),
  });
}

function webhookRow(hook, rerender) {
  const remove = h('button', { type: 'button', class: 'button small', testid: 'webhook-delete' }, t('webhooks.delete'));
  remove.addEventListener('click', async () => {
    if (remove.dataset.armed !== 'yes') {
      remove.dataset.armed = 'yes';
      replace(remove, t('webhooks.confirmDelete'));
      remove.classList.add('danger');
      return;
    }
    busy(remove, true);
    try {
      await del(`/webhooks/${enc(hook.id)}`);
      toast(t('webhooks.deleted'));
      await rerender();
    } catch (error) {
      toast(error instanceof ApiError ? error.message : t('error.network'));
      busy(remove, false);
    }
  });
  return h('tr', { testid: 'webhook-row' },
    h('td', {}, h('code', { class: 'url' }, hook.url)),
    h('td', {}, hook.events.map((event) => h('span', { class: 'chip' }, event))),
    h('td', {}, label('webhooks.format', hook.format)),
    h('td', {}, hook.active ? badge(t('webhooks.active'), 'success') : badge(t('webhooks.paused'), 'warning')),
    h('td', {}, h('a', { href: withQuery('/', { view: 'webhooks', webhook: hook.id }), testid: 'webhook-log' }, t('webhooks.log')), ' ', remove));
}

export async function webhooksPage({ main, params, user, rerender }) {
  const title = t('webhooks.title');
  if (!user) return replace(main, pageHeader(title), signInPrompt(t('webhooks.signin')));
  if (!hasRole(user, 'admin')) return forbidden(main, title);
  if (params.has('webhook')) return deliveryLog(main, params.get('webhook'));
  const hooks = await get('/webhooks');
  const url = field({ name: 'url', labelText: t('webhooks.url'), type: 'url', testid: 'webhook-url', hint: t('webhooks.urlHint'), attrs: { required: true } });
  const format = field({ name: 'format', labelText: t('webhooks.formatLabel'), kind: 'select', testid: 'webhook-format', value: 'json',
    options: ['json', 'slack'].map((value) => ({ value, label: label('webhooks.format', value) })) });
  const eventsError = h('p', { class: 'field-error', hidden: true, id: 'events-error' });
  const boxes = WEBHOOK_EVENTS.map((event) => h('input', { type: 'checkbox', id: `event-${event}`, value: event, testid: 'webhook-event' }));
  const events = h('fieldset', { class: 'checks', 'aria-describedby': 'events-error' }, h('legend', {}, t('webhooks.events')),
    WEBHOOK_EVENTS.map((event, index) => h('div', { class: 'field-check' }, boxes[index], h('label', { for: `event-${event}` }, t(`webhooks.event.${event}`), ' ', h('code', {}, event)))),
    eventsError);
  const alert = formAlert();
  const secretBox = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary', testid: 'webhook-submit' }, t('webhooks.create'));
  const fieldsByName = {
    url,
    format,
    events: { control: events, setError: (messages) => { replace(eventsError, (messages || []).join(' ')); eventsError.hidden = !(messages && messages.length); } },
  };
  const form = h('form', { class: 'card form', novalidate: true, testid: 'webhook-form' }, h('h2', {}, t('webhooks.new')), alert, url.row, events, format.row, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    busy(submit, true);
    try {
      const created = await post('/webhooks', { url: url.control.value.trim(), format: format.control.value, events: boxes.filter((box) => box.checked).map((box) => box.value) });
      await rerender();
      // Rendered after the page is rebuilt: the secret is in this answer only.
      document.querySelector('[data-testid="webhook-secret-slot"]')?.append(
        h('div', { class: 'alert alert-info', role: 'status', testid: 'webhook-secret' },
          h('strong', {}, t('webhooks.secretTitle')), ' ', t('webhooks.secretText'), ' ', h('code', {}, created.secret)));
    } catch (error) {
      showFormErrors(alert, fieldsByName, error);
      busy(submit, false);
    }
  });
  replace(main,
    pageHeader(title, h('p', { class: 'lead' }, t('webhooks.lead'))),
    h('div', { testid: 'webhook-secret-slot' }, secretBox),
    hooks.items.length
      ? h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', testid: 'webhook-list' },
          h('caption', { class: 'visually-hidden' }, title),
          h('thead', {}, h('tr', {}, ['url', 'events', 'format', 'state', 'actions'].map((key) => h('th', { scope: 'col' }, t(`webhooks.col.${key}`))))),
          h('tbody', {}, hooks.items.map((hook) => webhookRow(hook, rerender)))))
      : emptyState(t('webhooks.empty'), t('webhooks.emptyText')),
    form);
}

// ------------------------------------------------------------------ my data

export async function myDataPage({ main, user, navigate }) {
  const title = t('mydata.title');
  if (!user) return replace(main, pageHeader(title), signInPrompt(t('mydata.signin')));
  const exportButton = h('button', { type: 'button', class: 'button primary', testid: 'export-data' }, t('mydata.download'));
  exportButton.addEventListener('click', async () => {
    busy(exportButton, true);
    try {
      await download('/me/export', 'cocrea-my-data.json');
      toast(t('mydata.downloaded'));
    } catch (error) {
      toast(error instanceof ApiError ? error.message : t('error.network'));
    } finally {
      busy(exportButton, false);
    }
  });
  const word = t('mydata.confirmWord');
  const confirm = field({ name: 'confirm', labelText: t('mydata.confirmLabel', { word }), testid: 'erase-confirm', attrs: { autocomplete: 'off' } });
  const erase = h('button', { type: 'submit', class: 'button danger', testid: 'erase-submit', disabled: true }, t('mydata.erase'));
  confirm.control.addEventListener('input', () => {
    erase.disabled = confirm.control.value.trim().toLocaleUpperCase() !== word.toLocaleUpperCase();
  });
  const alert = formAlert();
  const form = h('form', { class: 'card form danger-zone', novalidate: true, testid: 'erase-form' },
    h('h2', {}, t('mydata.eraseTitle')), h('p', {}, t('mydata.eraseText')), alert, confirm.row, h('div', { class: 'actions' }, erase));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (erase.disabled) return;
    busy(erase, true);
    try {
      await post('/me/erase', { confirm: 'erase' });
      signOut();
      await navigate('/');
      toast(t('mydata.erased'));
    } catch (error) {
      showFormErrors(alert, { confirm }, error);
      busy(erase, false);
    }
  });
  replace(main,
    pageHeader(title, h('p', { class: 'lead' }, t('mydata.lead'))),
    h('section', { class: 'card' }, h('h2', {}, t('mydata.exportTitle')), h('p', {}, t('mydata.exportText')), exportButton),
    form);
}
