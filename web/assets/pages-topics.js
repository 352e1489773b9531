// The product team's topics page: one product's emerging topics, its themes × phases heat map,
// its themes with their topics, and the ideas not grouped yet; a theme (optionally in one phase)
// opens onto its topics and their ideas.

import { get, getAll, withQuery } from './api.js';
import { h, replace } from './dom.js';
import { formatDateTime, formatNumber, label, t } from './i18n.js';
import { PHASES, ideaCard } from './ideas.js';
import { badge, emptyState, field, pageHeader } from './ui.js';

const enc = encodeURIComponent;

function topicsUrl(params) {
  return withQuery('/', { view: 'topics', ...params });
}

function emergingBadge(item) {
  return item.emerging ? badge(t('topics.emerging'), 'warning') : null;
}

function topicLink(topic) {
  return h('a', { href: `/?topic=${enc(topic.id)}` }, topic.label);
}

/** Themes (rows) × phases (columns); a cell counts the theme's ideas and votes in that phase and
 * links to the theme filtered to that phase. Shade grows with the ideas, relative to the busiest cell. */
function heatMap(product, themes) {
  const busiest = Math.max(1, ...themes.flatMap((theme) => PHASES.map((phase) => theme.phases?.[phase] || 0)));
  const head = h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('topics.theme')), PHASES.map((phase) => h('th', { scope: 'col' }, label('phase', phase)))));
  const rows = themes.map((theme) => h('tr', {},
    h('th', { scope: 'row' }, h('a', { href: topicsUrl({ product, theme: theme.id }) }, theme.label)),
    PHASES.map((phase) => {
      const ideas = theme.phases?.[phase] || 0;
      const votes = theme.phase_votes?.[phase] || 0;
      const level = ideas ? Math.min(4, 1 + Math.floor((4 * ideas) / (busiest + 1))) : 0;
      // The visible figures are part of the link's name (WCAG 2.5.3), the theme and phase are read first.
      return h('td', { class: `heat heat-${level}` }, ideas
        ? h('a', { href: topicsUrl({ product, theme: theme.id, phase }), testid: 'heat-cell' },
          h('span', { class: 'sr-only' }, `${theme.label}, ${label('phase', phase)}: `),
          h('span', { class: 'heat-ideas' }, t('topics.ideasCount', { count: ideas })), ' ',
          h('span', { class: 'heat-votes' }, t('topics.votesCount', { count: votes })))
        : h('span', { class: 'heat-empty' }, h('span', { 'aria-hidden': 'true' }, '·'), h('span', { class: 'sr-only' }, t('topics.ideasCount', { count: 0 }))));
    })));
  return h('div', { class: 'card heatmap-card' },
    h('h2', {}, t('topics.heatmap')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'heatmap', testid: 'heatmap' }, h('caption', { class: 'sr-only' }, t('topics.heatmapCaption')), head, h('tbody', {}, rows))));
}

function emergingList(product, topics) {
  const emerging = topics.filter((topic) => topic.emerging);
  if (!emerging.length) return null;
  return h('section', { class: 'card emerging-card', testid: 'emerging-list', 'aria-labelledby': 'emerging-title' },
    h('h2', { id: 'emerging-title' }, t('topics.emergingTitle')),
    h('p', { class: 'hint' }, t('topics.emergingText')),
    h('ul', {}, emerging.map((topic) => h('li', { testid: 'emerging-topic' }, topicLink(topic), ' ',
      h('span', { class: 'muted' }, t('topics.growth', { ideas: topic.trend?.size_delta || 0, votes: topic.trend?.votes_delta || 0 })),
      // A theme of one topic is usually named like it: its name again would only repeat the link.
      topic.theme && topic.theme.label !== topic.label ? h('span', { class: 'muted' }, ` · ${topic.theme.label}`) : null))));
}

function themeCard(product, theme) {
  return h('article', { class: 'card theme-card', testid: 'theme-card' },
    h('h2', {}, h('a', { href: topicsUrl({ product, theme: theme.id }) }, theme.label), ' ', emergingBadge(theme)),
    h('p', { class: 'muted' }, t('topics.themeStats', { ideas: theme.size, votes: theme.vote_total })),
    h('ul', { class: 'theme-topics' }, (theme.topics || []).map((topic) => h('li', { testid: 'theme-topic' }, topicLink(topic), ' ', h('span', { class: 'muted' }, formatNumber(topic.size))))));
}

function ungroupedCard(count) {
  return h('section', { class: 'card ungrouped-card', testid: 'ungrouped' },
    h('h2', {}, t('topics.ungrouped', { count })),
    h('p', { class: 'hint' }, t('topics.ungroupedText')));
}

function topicRow(topic) {
  return h('article', { class: 'card topic-card', testid: 'topic-card' },
    h('h3', {}, topicLink(topic), ' ', emergingBadge(topic)),
    h('p', { class: 'muted' }, t('topics.themeStats', { ideas: topic.size, votes: topic.vote_total })),
    (topic.representative_ideas || []).length
      ? h('ul', { class: 'representatives' }, topic.representative_ideas.slice(0, 3).map((idea) => h('li', {}, h('a', { href: `/?idea=${enc(idea.id)}` }, idea.title))))
      : null);
}

async function productChoice(params, navigate) {
  const products = (await getAll('/products')).items;
  const chosen = products.some((item) => item.slug === params.get('product')) ? params.get('product') : products[0]?.slug || '';
  const control = field({ name: 'product', labelText: t('filters.product'), kind: 'select', options: products.map((item) => ({ value: item.slug, label: item.name })), value: chosen });
  control.control.addEventListener('change', () => navigate(topicsUrl({ product: control.control.value })));
  return { chosen, row: control.row };
}

/** `/?view=topics&product=…`: the product's overview. With `theme=` (and `phase=`): one theme. */
export async function themesPage({ main, params, navigate }) {
  const title = t('topics.title');
  const { chosen: product, row } = await productChoice(params, navigate);
  if (params.get('theme')) return themePage({ main, params, product });
  const [themes, topics] = await Promise.all([
    get(withQuery('/topics', { product, level: 'theme' })),
    get(withQuery('/topics', { product })),
  ]);
  const header = pageHeader(title, h('p', { class: 'lead' }, themes.run
    ? t('topics.run', { date: formatDateTime(themes.run.finished_at), count: themes.run.idea_count })
    : t('topics.noRun')));
  if (!themes.items.length) {
    return replace(main, header, h('div', { class: 'toolbar' }, row), emptyState(t('topics.empty'), t('topics.emptyText')),
      themes.ungrouped ? ungroupedCard(themes.ungrouped) : null);
  }
  replace(
    main,
    header,
    h('div', { class: 'toolbar' }, row),
    emergingList(product, topics.items),
    heatMap(product, themes.items),
    h('h2', { class: 'section-title' }, t('topics.themes')),
    h('div', { class: 'topic-grid' }, themes.items.map((theme) => themeCard(product, theme))),
    ungroupedCard(topics.ungrouped),
  );
}

async function themePage({ main, params, product }) {
  const phase = PHASES.includes(params.get('phase')) ? params.get('phase') : '';
  const theme = await get(withQuery(`/topics/${enc(params.get('theme'))}`, { limit: 1 }));
  const every = await get(withQuery('/topics', { product, phase }));
  const mine = every.items.filter((topic) => topic.theme?.id === theme.id);
  const title = phase ? t('topics.themeInPhase', { theme: theme.label, phase: label('phase', phase) }) : theme.label;
  const sections = await Promise.all(mine.map(async (topic) => {
    const list = phase
      ? h('div', { class: 'board-list' }, (await get(withQuery('/ideas', { product, phase, topic: topic.id, sort: 'top', limit: 20 }))).items.map(ideaCard))
      : null;
    return h('section', { class: 'theme-section', testid: 'theme-section' }, topicRow(topic),
      phase ? h('p', {}, h('a', { href: withQuery('/', { product, phase, topic: topic.id }) }, t('topics.openBoard'))) : null,
      list);
  }));
  replace(
    main,
    h('nav', { class: 'breadcrumbs', 'aria-label': t('nav.breadcrumbs') },
      h('a', { href: topicsUrl({ product }) }, t('topics.title')), ' / ',
      phase ? h('a', { href: topicsUrl({ product, theme: theme.id }) }, theme.label) : h('span', {}, theme.label),
      phase ? [' / ', h('span', {}, label('phase', phase))] : null),
    pageHeader(title, emergingBadge(theme)),
    sections.length ? sections : emptyState(t('topics.emptyPhase'), ''),
  );
}
