// Running the portal: creating and editing boards (product team, admin) and people's roles (admin).

import { patch, post } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { busy, field, formAlert, showFormErrors, toast } from './ui.js';

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
