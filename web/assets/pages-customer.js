// Customers' pages: boards, an idea, the submit form, "For you", the profile, and sign-in.

import { ApiError, del, get, getAll, hasRole, patch, post, productNames, put, signIn, withQuery } from './api.js';
import { h, replace } from './dom.js';
import { formatDate, formatNumber, label, LANGUAGES, t } from './i18n.js';
import { PHASES, STATUSES, WORKFLOW_STATUSES, ideaCard, officialResponse, statusBadge, timeTag, voteControl } from './ideas.js';
import { pagedList } from './list.js';
import { phaseStrip } from './charts.js';
import { personName } from './people.js';
import { searchBox } from './search-box.js';
import { authConfig, beginSignIn, safeNext as portalPath, takeProblem } from './auth.js';
import { emptyState, errorBox, field, formAlert, notFound, pageHeader, showFormErrors, toast, busy } from './ui.js';

const enc = encodeURIComponent;

const isNotFound = (error) => error instanceof ApiError && error.status === 404;

/** An address that leads to no page (routes.js). */
export async function notFoundPage({ main }) {
  replace(main, ...notFound());
}

// ------------------------------------------------------------------ home: every board

/** The form that creates or edits a board, for the product team only: its module loads for them alone. */
async function boardForm(user, product, actions) {
  if (!hasRole(user, 'product')) return null;
  const { productForm } = await import('./pages-admin.js');
  return productForm(product, actions);
}

export async function homePage({ main, user, navigate, rerender }) {
  const products = await getAll('/products');
  const grid = h('div', { class: 'product-grid' });
  for (const product of products.items) {
    const total = PHASES.reduce((sum, phase) => sum + (product.idea_counts[phase] || 0), 0);
    grid.append(
      h(
        'article',
        { class: 'card product-card', testid: 'product-card' },
        h('h2', {}, h('a', { href: `/?product=${enc(product.slug)}` }, product.name)),
        h('p', { class: 'muted' }, product.description),
        phaseStrip(product.idea_counts, PHASES),
        h('p', { class: 'product-total' }, t('board.ideas', { count: total })),
      ),
    );
  }
  replace(
    main,
    h('section', { class: 'hero' },
      h('h1', { tabindex: '-1', class: 'page-title' }, t('home.title')),
      h('p', { class: 'lead' }, t('home.lead')),
      searchBox()),
    await boardForm(user, null, { navigate, rerender }),
    products.items.length ? grid : emptyState(t('home.empty'), ''),
  );
}

// ------------------------------------------------------------------ a board

function select(name, labelText, options, value, testid) {
  return field({ name, labelText, kind: 'select', options, value, testid });
}

export async function boardPage({ main, params, user, navigate, rerender }) {
  const slug = params.get('product');
  let product;
  try {
    product = await get(`/products/${enc(slug)}`);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    replace(main, ...notFound(t('board.notFound'), ''));
    return;
  }
  const state = {
    phase: PHASES.includes(params.get('phase')) ? params.get('phase') : PHASES.find((p) => product.idea_counts[p]) || 'design',
    sort: ['top', 'new', 'trending'].includes(params.get('sort')) ? params.get('sort') : 'top',
    status: STATUSES.includes(params.get('status')) ? params.get('status') : '',
    topic: params.get('topic') || '',
  };
  const panelId = 'board-panel';
  const tabs = PHASES.map((phase) =>
    h(
      'button',
      { type: 'button', role: 'tab', id: `tab-${phase}`, 'aria-controls': panelId, class: 'tab', dataset: { phase } },
      h('span', {}, label('phase', phase)),
      h('span', { class: 'tab-count' }, formatNumber(product.idea_counts[phase] || 0)),
    ),
  );
  const tablist = h('div', { role: 'tablist', class: 'tabs', 'aria-label': t('board.phases') }, tabs);
  const sort = select('sort', t('board.sort'), ['top', 'new', 'trending'].map((value) => ({ value, label: label('sort', value) })), state.sort, 'sort-select');
  const status = select('status', t('board.status'), [{ value: '', label: t('board.allStatuses') }, ...STATUSES.map((value) => ({ value, label: label('status', value) }))], state.status, 'status-filter');
  const topic = select('topic', t('board.topic'), [{ value: '', label: t('board.allTopics') }], state.topic, 'topic-filter');
  const newIdea = h('a', { class: 'button primary', href: '' }, t('board.newIdea'));
  const list = h('div', { class: 'board-list' });
  const panel = h('div', { role: 'tabpanel', id: panelId, class: 'tab-panel', tabindex: '-1' },
    h('div', { class: 'toolbar' }, sort.row, status.row, topic.row, h('div', { class: 'toolbar-action' }, newIdea)),
    list);

  async function loadTopics() {
    try {
      const topics = await get(withQuery('/topics', { product: slug, phase: state.phase }));
      const options = [h('option', { value: '' }, t('board.allTopics')), ...topics.items.map((item) => h('option', { value: item.id }, item.label))];
      replace(topic.control, options);
      topic.control.value = topics.items.some((item) => item.id === state.topic) ? state.topic : '';
      if (!topic.control.value) state.topic = '';
    } catch {
      // No topics yet (the nightly job has not run, or /topics is not served): "All topics" only.
      replace(topic.control, h('option', { value: '' }, t('board.allTopics')));
    }
  }

  function clearFilters() {
    state.status = '';
    state.topic = '';
    status.control.value = '';
    topic.control.value = '';
    show();
  }

  function emptyBoard() {
    if (state.status || state.topic) {
      const clear = h('button', { type: 'button', class: 'button primary', testid: 'clear-filters', onclick: clearFilters }, t('board.clearFilters'));
      return emptyState(t('board.emptyFiltered'), t('board.emptyFilteredText'), clear);
    }
    return emptyState(t('board.empty'), t('board.emptyText'), h('a', { class: 'button primary', href: withQuery('/', { view: 'new', product: slug, phase: state.phase }) }, t('board.newIdea')));
  }

  async function show({ topicsToo = false, newEntry = false } = {}) {
    for (const tab of tabs) {
      const selected = tab.dataset.phase === state.phase;
      tab.setAttribute('aria-selected', selected ? 'true' : 'false');
      tab.tabIndex = selected ? 0 : -1;
    }
    panel.setAttribute('aria-labelledby', `tab-${state.phase}`);
    newIdea.setAttribute('href', withQuery('/', { view: 'new', product: slug, phase: state.phase }));
    // A phase is a place (back returns to the previous one); sorting and filters only refine it.
    const url = withQuery('/', { product: slug, phase: state.phase, sort: state.sort, status: state.status, topic: state.topic });
    if (newEntry) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    if (topicsToo) await loadTopics();
    await pagedList(list, (cursor) => get(withQuery('/ideas', { product: slug, phase: state.phase, sort: state.sort, status: state.status, topic: state.topic, limit: 20, cursor })), {
      render: ideaCard,
      empty: emptyBoard(),
    });
  }

  function choose(tab, focus) {
    if (tab.dataset.phase === state.phase) return;
    state.phase = tab.dataset.phase;
    if (focus) tab.focus();
    show({ topicsToo: true, newEntry: true });
  }
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => choose(tab, false));
    tab.addEventListener('keydown', (event) => {
      const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
      if (!(event.key in moves)) return;
      event.preventDefault();
      choose(tabs[(moves[event.key] + tabs.length) % tabs.length], true);
    });
  });
  sort.control.addEventListener('change', () => { state.sort = sort.control.value; show(); });
  status.control.addEventListener('change', () => { state.status = status.control.value; show(); });
  topic.control.addEventListener('change', () => { state.topic = topic.control.value; show(); });

  replace(
    main,
    h('nav', { class: 'breadcrumbs', 'aria-label': t('nav.breadcrumbs') }, h('a', { href: '/' }, t('nav.boards')), ' / ', h('span', {}, product.name)),
    pageHeader(product.name, h('p', { class: 'lead' }, product.description), searchBox({ product: slug })),
    await boardForm(user, product, { navigate, rerender }),
    tablist,
    panel,
  );
  await show({ topicsToo: true });
}

// ------------------------------------------------------------------ an idea

function commentItem(comment, user, onHidden) {
  const item = h(
    'li',
    { class: `comment${comment.official ? ' comment-official' : ''}`, testid: 'comment' },
    h('div', { class: 'comment-head' },
      h('span', { class: 'avatar', 'aria-hidden': 'true' }, personName(comment.author).trim().charAt(0).toUpperCase()),
      h('strong', {}, personName(comment.author)),
      comment.official ? h('span', { class: 'badge badge-accent' }, t('comments.official')) : null,
      timeTag(comment.created_at)),
    h('p', { class: 'pre' }, comment.body),
  );
  if (hasRole(user, 'moderator')) {
    const reason = field({ name: 'reason', labelText: t('mod.reason') });
    const button = h('button', { type: 'submit', class: 'button danger small' }, t('mod.hideComment'));
    const alert = formAlert();
    const form = h('form', { class: 'inline-form', novalidate: true }, reason.row, button, alert);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      busy(button, true);
      try {
        await post(`/comments/${enc(comment.id)}/hide`, { reason: reason.control.value });
        toast(t('mod.commentHidden'));
        onHidden(item);
      } catch (error) {
        showFormErrors(alert, { reason }, error);
      } finally {
        busy(button, false);
      }
    });
    item.append(h('details', { class: 'moderate' }, h('summary', {}, t('mod.moderate')), form));
  }
  return item;
}

function commentsSection(idea, user) {
  const heading = h('h2', { id: 'comments-title' }, t('comments.title', { count: idea.comment_count }));
  const list = h('ol', { class: 'comments', 'aria-labelledby': 'comments-title' });
  const holder = h('div', {});
  // A hidden comment leaves the list and the count (the API's comment_count excludes it too).
  const removeItem = (item) => {
    item.remove();
    idea.comment_count = Math.max(0, idea.comment_count - 1);
    replace(heading, t('comments.title', { count: idea.comment_count }));
  };
  let comments = null;
  const load = async () => {
    comments = await pagedList(holder, (cursor) => get(withQuery(`/ideas/${enc(idea.id)}/comments`, { limit: 50, cursor })), {
      render: (comment) => commentItem(comment, user, removeItem),
      list,
      empty: null,
    });
  };

  let form;
  if (user) {
    const body = field({ name: 'body', labelText: t('comments.yours'), kind: 'textarea', testid: 'comment-body', attrs: { rows: 3 } });
    const submit = h('button', { type: 'submit', class: 'button primary', testid: 'comment-submit' }, t('comments.submit'));
    const alert = formAlert();
    form = h('form', { class: 'comment-form', testid: 'comment-form', novalidate: true, 'aria-labelledby': 'comment-form-title' },
      h('h3', { id: 'comment-form-title' }, t('comments.add')), body.row, alert, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      busy(submit, true);
      try {
        const comment = await post(`/ideas/${enc(idea.id)}/comments`, { body: body.control.value });
        body.setError(null);
        alert.hidden = true;
        comments?.add(comment);
        idea.comment_count += 1;
        replace(heading, t('comments.title', { count: idea.comment_count }));
        body.control.value = '';
        toast(t('comments.posted'));
      } catch (error) {
        showFormErrors(alert, { body }, error);
      } finally {
        busy(submit, false);
      }
    });
  } else {
    form = h('p', { class: 'muted' }, h('a', { href: `/?view=signin&next=${enc(`/?idea=${idea.id}`)}` }, t('comments.signin')));
  }
  const section = h('section', { class: 'comments-section', 'aria-labelledby': 'comments-title' }, heading, holder, form);
  return { section, load };
}

function answerForm(idea, rerender) {
  const status = field({
    name: 'status', labelText: t('team.status'), kind: 'select', testid: 'status-select',
    options: WORKFLOW_STATUSES.map((value) => ({ value, label: label('status', value) })), value: idea.status,
  });
  const response = field({ name: 'response', labelText: t('team.response'), kind: 'textarea', testid: 'response-body', value: idea.response?.body || '', attrs: { rows: 4 } });
  const submit = h('button', { type: 'submit', class: 'button primary', testid: 'answer-submit' }, t('team.saveAnswer'));
  const alert = formAlert();
  const form = h('form', { class: 'panel-form', novalidate: true, 'aria-labelledby': 'answer-title' },
    h('h2', { id: 'answer-title' }, t('team.answerTitle')), status.row, response.row, alert, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const changes = {};
    if (status.control.value !== idea.status) changes.status = status.control.value;
    if (response.control.value.trim() && response.control.value.trim() !== (idea.response?.body || '')) changes.response = response.control.value;
    if (!Object.keys(changes).length) {
      toast(t('team.nothingChanged'));
      return;
    }
    busy(submit, true);
    try {
      await patch(`/ideas/${enc(idea.id)}`, changes);
      toast(t('team.answerSaved'));
      await rerender();
    } catch (error) {
      showFormErrors(alert, { status, response }, error);
      busy(submit, false);
    }
  });
  return form;
}

function mergeForm(idea, navigate) {
  const target = field({ name: 'into', labelText: t('team.mergeInto'), kind: 'select', testid: 'merge-target', options: [{ value: '', label: t('team.mergeChoose') }] });
  const submit = h('button', { type: 'submit', class: 'button secondary', testid: 'merge-submit' }, t('team.merge'));
  const alert = formAlert();
  const form = h('form', { class: 'panel-form', novalidate: true, 'aria-labelledby': 'merge-title' },
    h('h2', { id: 'merge-title' }, t('team.mergeTitle')), h('p', { class: 'hint' }, t('team.mergeHint')), target.row, alert, submit);
  get(withQuery('/ideas', { product: idea.product, sort: 'top', limit: 100 })).then((page) => {
    for (const other of page.items) {
      if (other.id !== idea.id && other.status !== 'merged') {
        target.control.append(h('option', { value: other.id }, `${other.title} (${label('phase', other.phase)}, ${formatNumber(other.vote_count)})`));
      }
    }
  }).catch(() => {});
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    busy(submit, true);
    try {
      const merged = await post(`/ideas/${enc(idea.id)}/merge`, { into: target.control.value });
      toast(t('team.merged'));
      navigate(`/?idea=${enc(merged.id)}`);
    } catch (error) {
      showFormErrors(alert, { into: target }, error);
      busy(submit, false);
    }
  });
  return form;
}

/** The author's own edit, while the idea is open (the API refuses it afterwards). */
function editForm(idea, rerender) {
  const title = field({ name: 'title', labelText: t('submit.ideaTitle'), value: idea.title, testid: 'edit-title', attrs: { autocomplete: 'off' } });
  const body = field({ name: 'body', labelText: t('submit.body'), kind: 'textarea', value: idea.body, testid: 'edit-body', attrs: { rows: 6 } });
  const submit = h('button', { type: 'submit', class: 'button primary', testid: 'edit-submit' }, t('edit.save'));
  const alert = formAlert();
  const form = h('form', { class: 'inline-form', novalidate: true }, title.row, body.row, alert, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    busy(submit, true);
    try {
      await patch(`/ideas/${enc(idea.id)}`, { title: title.control.value, body: body.control.value });
      toast(t('edit.saved'));
      await rerender();
    } catch (error) {
      showFormErrors(alert, { title, body }, error);
      busy(submit, false);
    }
  });
  return h('details', { class: 'edit-idea', testid: 'edit-idea' }, h('summary', {}, t('edit.open')), form);
}

function moderationForm(idea, rerender) {
  const alert = formAlert();
  if (idea.hidden || idea.status === 'pending_moderation') {
    const restore = h('button', { type: 'button', class: 'button primary', testid: 'restore-idea' }, idea.hidden ? t('mod.restore') : t('mod.approve'));
    restore.addEventListener('click', async () => {
      busy(restore, true);
      try {
        await post(`/ideas/${enc(idea.id)}/restore`);
        toast(t('mod.restored'));
        await rerender();
      } catch (error) {
        showFormErrors(alert, {}, error);
        busy(restore, false);
      }
    });
    return h('div', { class: 'panel-form' }, h('h2', {}, t('mod.title')), h('p', { class: 'alert alert-warning' }, idea.hidden ? t('mod.isHidden') : t('mod.isPending')), restore, alert);
  }
  const reason = field({ name: 'reason', labelText: t('mod.reason'), testid: 'hide-reason' });
  const submit = h('button', { type: 'submit', class: 'button danger', testid: 'hide-idea' }, t('mod.hide'));
  const form = h('form', { class: 'panel-form', novalidate: true, 'aria-labelledby': 'mod-title' }, h('h2', { id: 'mod-title' }, t('mod.title')), reason.row, alert, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    busy(submit, true);
    try {
      await post(`/ideas/${enc(idea.id)}/hide`, { reason: reason.control.value });
      toast(t('mod.hidden'));
      await rerender();
    } catch (error) {
      showFormErrors(alert, { reason }, error);
      busy(submit, false);
    }
  });
  return form;
}

export async function ideaPage({ main, params, user, navigate, rerender }) {
  const id = params.get('idea');
  let idea;
  try {
    idea = await get(`/ideas/${enc(id)}`);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    replace(main, ...notFound(t('idea.notFound'), t('idea.notFoundText')));
    return;
  }
  const product = await get(`/products/${enc(idea.product)}`).catch(() => ({ slug: idea.product, name: idea.product }));
  const comments = commentsSection(idea, user);
  const side = h('aside', { class: 'idea-side', 'aria-label': t('idea.details') },
    h('dl', { class: 'facts' },
      h('dt', {}, t('idea.status')), h('dd', {}, statusBadge(idea.status)),
      h('dt', {}, t('idea.phase')), h('dd', {}, h('a', { href: withQuery('/', { product: idea.product, phase: idea.phase }) }, label('phase', idea.phase))),
      h('dt', {}, t('idea.topic')), h('dd', {}, idea.topic ? h('a', { href: `/?topic=${enc(idea.topic.id)}`, testid: 'idea-topic' }, idea.topic.label) : t('idea.noTopic')),
      h('dt', {}, t('idea.author')), h('dd', {}, personName(idea.author)),
      h('dt', {}, t('idea.created')), h('dd', {}, formatDate(idea.created_at))),
  );
  if (hasRole(user, 'product', 'moderator')) {
    side.append(h('p', {}, h('a', { href: withQuery('/', { view: 'history', idea: idea.id }), testid: 'history-link' }, t('mod.history'))));
  }
  const tools = h('div', { class: 'tools-panels' });
  if (hasRole(user, 'product') && idea.status !== 'merged') tools.append(answerForm(idea, rerender), mergeForm(idea, navigate));
  if (hasRole(user, 'moderator')) tools.append(moderationForm(idea, rerender));
  replace(
    main,
    h('nav', { class: 'breadcrumbs', 'aria-label': t('nav.breadcrumbs') },
      h('a', { href: '/' }, t('nav.boards')), ' / ',
      h('a', { href: withQuery('/', { product: idea.product, phase: idea.phase }) }, product.name), ' / ',
      h('span', {}, label('phase', idea.phase))),
    h('div', { class: 'idea-layout' },
      h('article', { class: 'idea-main card' },
        // The vote sits beside the title, in the first screen on a phone too.
        h('div', { class: 'idea-head' },
          voteControl(idea, { large: true }),
          h('div', { class: 'idea-head-text' },
            h('h1', { tabindex: '-1', class: 'page-title', testid: 'idea-title' }, idea.title),
            h('p', { class: 'byline' }, t('idea.by', { name: personName(idea.author) }), ' · ', timeTag(idea.created_at)),
            // `following` comes only to a signed-in reader: no button for the signed out.
            idea.following === undefined ? null : followButton(idea))),
        idea.status === 'pending_moderation' && user?.id === idea.author.id && !hasRole(user, 'moderator')
          ? h('p', { class: 'alert alert-warning', testid: 'pending-banner' }, t('idea.pendingYours'))
          : null,
        user?.id === idea.author.id && idea.status === 'open' && !idea.hidden ? editForm(idea, rerender) : null,
        idea.merged_into ? h('p', { class: 'alert alert-info' }, t('idea.mergedInto'), ' ', h('a', { href: `/?idea=${enc(idea.merged_into)}` }, t('idea.seeTarget'))) : null,
        idea.body ? h('p', { class: 'pre idea-body' }, idea.body) : h('p', { class: 'muted' }, t('idea.noBody')),
        idea.response ? officialResponse(idea.response) : null,
        comments.section),
      h('div', { class: 'idea-aside' }, side, tools)),
  );
  await comments.load().catch((error) => comments.section.append(errorBox(error)));
}

/** Follow or unfollow: who gets the idea's e-mails (an unfollow holds even for a voter). */
function followButton(idea) {
  const button = h('button', { type: 'button', class: 'button follow-button', testid: 'follow-button' });
  const show = (following) => {
    button.setAttribute('aria-pressed', following ? 'true' : 'false');
    replace(button, following ? t('follow.unfollow') : t('follow.follow'));
  };
  show(idea.following);
  button.addEventListener('click', async () => {
    const path = `/ideas/${enc(idea.id)}/follow`;
    busy(button, true);
    try {
      const result = idea.following ? await del(path) : await put(path);
      idea.following = result.following;
      show(result.following);
      toast(result.following ? t('follow.followed') : t('follow.unfollowed'));
    } catch (error) {
      toast(error instanceof ApiError ? error.message : t('error.network'));
    } finally {
      busy(button, false);
    }
  });
  return button;
}

// ------------------------------------------------------------------ submit an idea

export async function submitPage({ main, params, navigate }) {
  const products = await getAll('/products');
  const chosenProduct = params.get('product') || products.items[0]?.slug || '';
  const product = field({ name: 'product', labelText: t('submit.product'), kind: 'select', testid: 'idea-form-product', value: chosenProduct, options: products.items.map((item) => ({ value: item.slug, label: item.name })) });
  const phase = field({ name: 'phase', labelText: t('submit.phase'), kind: 'select', testid: 'idea-form-phase', value: params.get('phase') || 'design', options: PHASES.map((value) => ({ value, label: label('phase', value) })) });
  const title = field({ name: 'title', labelText: t('submit.ideaTitle'), testid: 'idea-form-title', hint: t('submit.titleHint'), attrs: { autocomplete: 'off' } });
  const { attachHints } = await import('./pages-finding.js'); // hints load with the form, not before
  const hints = attachHints({ title: title.control, product: product.control });
  const body = field({ name: 'body', labelText: t('submit.body'), kind: 'textarea', testid: 'idea-form-body', hint: t('submit.bodyHint'), attrs: { rows: 7 } });
  const submit = h('button', { type: 'submit', class: 'button primary', testid: 'idea-form-submit' }, t('submit.submit'));
  const alert = formAlert();
  const form = h('form', { class: 'card form-card', novalidate: true, 'aria-labelledby': 'submit-title' },
    h('div', { class: 'field-pair' }, product.row, phase.row), title.row, hints, body.row, alert, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    busy(submit, true);
    try {
      const idea = await post('/ideas', { title: title.control.value, body: body.control.value, product: product.control.value, phase: phase.control.value });
      toast(idea.status === 'pending_moderation' ? t('submit.held') : t('submit.published'));
      navigate(`/?idea=${enc(idea.id)}`);
    } catch (error) {
      showFormErrors(alert, { title, body, product, phase }, error);
      busy(submit, false);
    }
  });
  const heading = pageHeader(t('submit.title'), h('p', { class: 'lead' }, t('submit.lead')));
  heading.querySelector('h1').id = 'submit-title';
  replace(main, heading, form);
}

// ------------------------------------------------------------------ For you

export async function feedPage({ main }) {
  const list = h('div', {});
  replace(main, pageHeader(t('feed.title'), h('p', { class: 'lead' }, t('feed.lead'))), list);
  const products = await productNames();
  await pagedList(list, (cursor) => get(withQuery('/me/feed', { limit: 20, cursor })), {
    render: (idea) => ideaCard(idea, { products }),
    empty: emptyState(t('feed.empty'), t('feed.emptyText'), h('a', { class: 'button', href: '/' }, t('nav.boards'))),
  });
}

// ------------------------------------------------------------------ profile

export async function profilePage({ main, applyLanguage, rerender }) {
  const me = await get('/me');
  const name = field({ name: 'name', labelText: t('profile.name'), value: me.name, testid: 'profile-name', attrs: { autocomplete: 'name' } });
  const language = field({ name: 'language', labelText: t('profile.language'), kind: 'select', value: me.language, testid: 'profile-language', options: LANGUAGES.map((value) => ({ value, label: label('language', value) })) });
  // One switch per kind of e-mail (GET /me `notifications`), in the order the API lists them.
  const kinds = Object.keys(me.notifications).map((kind) => ({
    kind,
    ...field({ name: `notifications.${kind}`, labelText: t(`profile.kind.${kind}`), kind: 'checkbox', value: me.notifications[kind], testid: `profile-notify-${kind}` }),
  }));
  const notifications = {
    row: h('fieldset', { class: 'field checkbox-group', testid: 'profile-notifications' },
      h('legend', {}, t('profile.notifications')),
      h('p', { class: 'hint' }, t('profile.notificationsHint')),
      kinds.map((item) => item.row)),
  };
  const consent = field({ name: 'marketing_consent', labelText: t('profile.consent'), kind: 'checkbox', value: me.marketing_consent, testid: 'profile-consent', hint: t('profile.consentHint') });
  const submit = h('button', { type: 'submit', class: 'button primary', testid: 'profile-submit' }, t('profile.save'));
  const alert = formAlert();
  const form = h('form', { class: 'card form-card', novalidate: true, 'aria-label': t('profile.title') }, name.row, language.row, notifications.row, consent.row, alert, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    busy(submit, true);
    try {
      const saved = await patch('/me', {
        name: name.control.value,
        language: language.control.value,
        notifications: Object.fromEntries(kinds.map((item) => [item.kind, item.control.checked])),
        marketing_consent: consent.control.checked,
      });
      await applyLanguage(saved.language);
      toast(t('profile.saved'));
      await rerender();
    } catch (error) {
      showFormErrors(alert, { name, language, marketing_consent: consent }, error);
      busy(submit, false);
    }
  });
  const stats = h('dl', { class: 'stats' },
    ['ideas', 'votes', 'comments'].map((key) => h('div', { class: 'stat' }, h('dt', {}, t(`profile.stats.${key}`)), h('dd', {}, formatNumber(me.stats[key])))));
  const mine = h('div', {});
  replace(
    main,
    pageHeader(t('profile.title'), h('p', { class: 'lead' }, me.email, ' · ', me.roles.map((role) => label('role', role)).join(', '))),
    stats,
    form,
    h('h2', { class: 'section-title' }, t('profile.myIdeas')),
    mine,
  );
  await pagedList(mine, (cursor) => get(withQuery('/ideas', { author: 'me', sort: 'new', limit: 10, cursor })), {
    render: ideaCard,
    empty: emptyState(t('profile.noIdeas'), '', h('a', { class: 'button primary', href: '/?view=new' }, t('board.newIdea'))),
  });
}

// ------------------------------------------------------------------ sign-in

const ROLE_ORDER = ['customer', 'product', 'marketing', 'moderator', 'admin'];

/** Outside the local stage: Cognito's hosted UI (the code flow with PKCE of auth.js). */
function hostedSignIn(main, config, next) {
  const problem = takeProblem();
  const messages = {
    state: t('signin.error.state'),
    denied: t('signin.error.denied'),
    token: t('signin.error.token'),
  };
  const button = h('button', { type: 'button', class: 'button primary', testid: 'hosted-sign-in' }, t('signin.hosted'));
  const leave = () => {
    busy(button, true);
    beginSignIn(config, next).catch(() => busy(button, false));
  };
  button.addEventListener('click', leave);
  const alert = problem
    ? h('div', { class: 'alert alert-error', role: 'alert', testid: 'signin-error' }, h('strong', {}, t('error.title')), ' ', messages[problem] || messages.token)
    : null;
  replace(main, pageHeader(t('signin.title'), h('p', { class: 'lead' }, t('signin.hostedLead'))), alert, h('p', {}, button));
  // Straight on to the hosted UI, unless the last attempt failed: then the page says why first.
  if (!problem) leave();
}

export async function signInPage({ main, params, navigate, applyLanguage }) {
  const safeNext = portalPath(params.get('next'));
  const config = await authConfig();
  if (config) {
    hostedSignIn(main, config, safeNext);
    return;
  }
  let users;
  try {
    const response = await fetch('/assets/demo-users.json');
    if (!response.ok) throw new ApiError(response.status, null);
    users = await response.json();
  } catch {
    replace(main, pageHeader(t('signin.title')), emptyState(t('signin.hosted'), t('signin.hostedText')));
    return;
  }
  const alert = formAlert();
  const picker = h('ul', { class: 'user-picker', testid: 'user-picker', 'aria-label': t('signin.pick') });
  const sorted = [...users].sort((a, b) => ROLE_ORDER.indexOf(a.groups?.[0] || 'customer') - ROLE_ORDER.indexOf(b.groups?.[0] || 'customer'));
  for (const demo of sorted) {
    const role = demo.groups?.[0] || 'customer';
    const button = h('button', { type: 'button', class: 'user-option', dataset: { user: demo.sub } },
      h('span', { class: 'avatar', 'aria-hidden': 'true' }, demo.name.charAt(0)),
      h('span', { class: 'user-option-text' }, h('strong', {}, demo.name), h('span', { class: 'muted' }, label('role', role))));
    button.addEventListener('click', async () => {
      busy(button, true);
      try {
        const { token } = await post('/dev/token', { sub: demo.sub, name: demo.name, email: demo.email || undefined, groups: demo.groups || [] });
        signIn(token);
        const me = await get('/me');
        await applyLanguage(me.language);
        toast(t('signin.welcome', { name: me.name }));
        navigate(safeNext);
      } catch (error) {
        showFormErrors(alert, {}, error);
        busy(button, false);
      }
    });
    picker.append(h('li', {}, button));
  }
  replace(main, pageHeader(t('signin.title'), h('p', { class: 'lead' }, t('signin.lead'))), alert, picker);
}

// ------------------------------------------------------------------ one-click unsubscribe

/** The page an e-mail's unsubscribe link opens: one click confirms (a mail scanner that only
 * fetches the link changes nothing), without signing in: the link's token names the person. */
export async function unsubscribePage({ main, params }) {
  const token = params.get('token') || '';
  const result = h('div', { testid: 'unsubscribe-result', role: 'status' });
  const button = h('button', { type: 'button', class: 'button primary', testid: 'unsubscribe-confirm' }, t('unsubscribe.confirm'));
  button.addEventListener('click', async () => {
    busy(button, true);
    try {
      const { unsubscribed } = await post('/notifications/unsubscribe', { token });
      replace(result, h('p', { class: 'alert alert-info' }, t('unsubscribe.done', { kind: t(`profile.kind.${unsubscribed}`) })));
      button.remove();
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 400) throw error;
      replace(result, h('p', { class: 'alert alert-warning' }, t('unsubscribe.invalid')));
      busy(button, false);
    }
  });
  replace(main, pageHeader(t('unsubscribe.title'), h('p', { class: 'lead' }, t('unsubscribe.leadAny'))), h('div', { class: 'card' }, button, result));
}
