// Running the portal: creating and editing boards (product team, admin) and people's roles (admin).

import { get, patch, post, put, withQuery } from './api.js';
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { pagedList } from './list.js';
import { busy, emptyState, field, formAlert, pageHeader, showFormErrors, toast } from './ui.js';

const enc = encodeURIComponent;

/**
 * A board's form: a new one (product null; the slug is chosen once) or an existing one's name
 * and description. Opens from a disclosure so that it stays out of a reader's way.
 */
export function productForm(product, { navigate, rerender }) {
  const creating = !product;
  const slug = creating ? field({ name: 'slug', labelText: t('product.slug'), testid: 'product-slug', hint: t('product.slugHint'), attrs: { autocomplete: 'off' } }) : null;
  const name = field({ name: 'name', labelText: t('product.name'), value: product?.name, testid: 'product-name' });
  const description = field({ name: 'description', labelText: t('product.description'), kind: 'textarea', value: product?.description, testid: 'product-description', attrs: { rows: 3 } });
  const submit = h('button', { type: 'submit', class: 'button primary', testid: 'product-submit' }, creating ? t('product.create') : t('product.save'));
  const alert = formAlert();
  const form = h('form', { class: 'inline-form', novalidate: true }, slug?.row, name.row, description.row, alert, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    busy(submit, true);
    try {
      if (creating) {
        const made = await post('/products', { slug: slug.control.value.trim(), name: name.control.value, description: description.control.value });
        toast(t('product.created'));
        navigate(`/?product=${enc(made.slug)}`);
      } else {
        await patch(`/products/${enc(product.slug)}`, { name: name.control.value, description: description.control.value });
        toast(t('product.saved'));
        await rerender();
      }
    } catch (error) {
      showFormErrors(alert, creating ? { slug, name, description } : { name, description }, error);
      busy(submit, false);
    }
  });
  return h('details', { class: 'card product-form', testid: creating ? 'new-product' : 'edit-product' },
    h('summary', {}, creating ? t('product.new') : t('product.edit')), form);
}

// The roles in the order the API lists them; `customer` is always held (the API keeps it).
const ROLES = ['customer', 'product', 'marketing', 'moderator', 'admin'];

/** Admin: the people of the portal, found by name or e-mail prefix and role, and their roles. */
export async function usersPage({ main, params, user, navigate }) {
  const q = params.get('q') || '';
  const role = params.get('role') || '';
  const search = field({ name: 'q', labelText: t('users.search'), type: 'search', value: q, testid: 'users-search', hint: t('users.searchHint') });
  const roleFilter = field({ name: 'role', labelText: t('users.role'), kind: 'select', value: role, testid: 'users-role',
    options: [{ value: '', label: t('users.anyRole') }, ...ROLES.map((value) => ({ value, label: t(`role.${value}`) }))] });
  const form = h('form', { class: 'card inline-form', role: 'search', testid: 'users-filter' }, search.row, roleFilter.row,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary' }, t('users.find'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // The filters live in the URL: a search is a link that can be shared and goes in the history.
    navigate(withQuery('/', { view: 'users', q: search.control.value.trim() || undefined, role: roleFilter.control.value || undefined }));
  });
  const list = h('div', {});
  replace(main, pageHeader(t('users.title'), h('p', { class: 'lead' }, t('users.lead'))), form, list);
  await pagedList(list, (cursor) => get(withQuery('/users', { limit: 20, q: q || undefined, role: role || undefined, cursor })), {
    render: (person) => userCard(person, user),
    empty: emptyState(t('users.empty'), t('users.emptyText')),
  });
}

function userCard(person, me) {
  const self = me && person.id === me.id;
  const boxes = ROLES.map((role) => {
    const box = h('input', { type: 'checkbox', id: `role-${person.id}-${role}`, value: role, testid: `role-${role}`,
      checked: person.roles.includes(role) || role === 'customer',
      // Customer is always kept, and an admin cannot take away their own admin role.
      disabled: role === 'customer' || (self && role === 'admin') });
    return h('div', { class: 'field-check' }, box, h('label', { for: `role-${person.id}-${role}` }, t(`role.${role}`)));
  });
  const alert = formAlert();
  const submit = h('button', { type: 'submit', class: 'button small', testid: 'roles-save' }, t('users.save'));
  const form = h('form', { class: 'user-roles', novalidate: true },
    h('fieldset', { class: 'checks' }, h('legend', {}, t('users.roles')), boxes),
    self ? h('p', { class: 'hint' }, t('users.selfAdmin')) : null, alert, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    busy(submit, true);
    const roles = [...form.querySelectorAll('input[type=checkbox]')].filter((box) => box.checked).map((box) => box.value);
    try {
      await put(`/users/${enc(person.id)}/roles`, { roles });
      toast(t('users.saved'));
    } catch (error) {
      showFormErrors(alert, {}, error);
    }
    busy(submit, false);
  });
  return h('article', { class: 'card user-card', testid: 'user-card', dataset: { user: person.id } },
    h('h2', { class: 'card-title' }, person.name || t('users.noName')),
    h('p', { class: 'muted' }, person.email, ' · ', t('users.since', { date: person.created_at.slice(0, 10) })),
    form);
}
