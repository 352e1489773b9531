// Small SVG charts drawn here (no chart library): horizontal bars and columns. Each chart is an
// image with a text alternative listing every value, so it reads as well as it looks.

import { h } from './dom.js';
import { formatNumber } from './i18n.js';

const BAR_HEIGHT = 22;
const GAP = 8;
const WIDEST = 560;
const NARROWEST = 280;
const CHAR_WIDTH = 7.5; // of a 13 px label, on average

/**
 * The chart's width in CSS pixels, drawn 1:1 (viewBox = rendered size), so that its 13 px text
 * stays 13 px on a phone instead of shrinking with a scaled-down drawing.
 */
function chartWidth() {
  const page = document.documentElement.clientWidth || WIDEST;
  return Math.round(Math.max(NARROWEST, Math.min(WIDEST, page - 80)));
}

function fit(text, room) {
  const most = Math.max(4, Math.floor(room / CHAR_WIDTH));
  return text.length > most ? `${text.slice(0, most - 1)}…` : text;
}

function describe(items, format) {
  return items.map((item) => `${item.label}: ${format(item.value)}`).join('; ');
}

/** Horizontal bars: long labels read well, any number of rows. */
export function barChart({ title, items, format = formatNumber, tone = 'primary' }) {
  const width = chartWidth();
  const labelWidth = Math.round(width * 0.34);
  const valueWidth = 64;
  const max = Math.max(1, ...items.map((item) => item.value));
  const height = Math.max(1, items.length) * (BAR_HEIGHT + GAP);
  const svg = h('svg:svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: `chart chart-bars tone-${tone}`,
    role: 'img',
    'aria-label': `${title}. ${describe(items, format)}`,
    preserveAspectRatio: 'xMinYMin meet',
    width,
  });
  items.forEach((item, index) => {
    const y = index * (BAR_HEIGHT + GAP);
    const barWidth = ((width - labelWidth - valueWidth) * Math.max(0, item.value)) / max;
    const text = fit(item.label, labelWidth - 12);
    svg.append(
      h('svg:text', { x: labelWidth - 8, y: y + BAR_HEIGHT / 2, class: 'chart-label', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, text),
      h('svg:rect', { x: labelWidth, y, width: Math.max(2, barWidth), height: BAR_HEIGHT, rx: 4, class: 'chart-bar' }),
      h('svg:text', { x: labelWidth + barWidth + 6, y: y + BAR_HEIGHT / 2, class: 'chart-value', 'dominant-baseline': 'middle' }, format(item.value)),
    );
  });
  return h('figure', { class: 'chart-figure' }, h('figcaption', {}, title), svg);
}

/** Vertical columns for a short fixed series (the six phases); horizontal bars where columns
 * would be too narrow for their labels (a phone). */
export function columnChart({ title, items, format = formatNumber, tone = 'primary' }) {
  const width = chartWidth();
  if (width / Math.max(1, items.length) < 80) return barChart({ title, items, format, tone });
  const height = 220;
  const bottom = 46;
  const top = 18;
  const max = Math.max(1, ...items.map((item) => item.value));
  const slot = width / Math.max(1, items.length);
  const barWidth = Math.min(56, slot * 0.6);
  const svg = h('svg:svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: `chart chart-columns tone-${tone}`,
    width,
    role: 'img',
    'aria-label': `${title}. ${describe(items, format)}`,
  });
  svg.append(h('svg:line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, class: 'chart-axis' }));
  items.forEach((item, index) => {
    const barHeight = ((height - bottom - top) * Math.max(0, item.value)) / max;
    const x = index * slot + (slot - barWidth) / 2;
    const y = height - bottom - barHeight;
    const text = fit(item.label, slot - 4);
    svg.append(
      h('svg:rect', { x, y, width: barWidth, height: Math.max(1, barHeight), rx: 4, class: 'chart-bar' }),
      h('svg:text', { x: x + barWidth / 2, y: y - 5, class: 'chart-value', 'text-anchor': 'middle' }, format(item.value)),
      h('svg:text', { x: x + barWidth / 2, y: height - bottom + 18, class: 'chart-label', 'text-anchor': 'middle' }, text),
    );
  });
  return h('figure', { class: 'chart-figure' }, h('figcaption', {}, title), svg);
}

/** A tiny inline bar of the six phases for a card (decorative: the numbers are beside it). */
export function phaseStrip(counts, phases) {
  const total = phases.reduce((sum, phase) => sum + (counts[phase] || 0), 0) || 1;
  const svg = h('svg:svg', { viewBox: '0 0 100 8', class: 'phase-strip', 'aria-hidden': 'true', preserveAspectRatio: 'none' });
  let x = 0;
  phases.forEach((phase, index) => {
    const w = (100 * (counts[phase] || 0)) / total;
    if (w > 0) svg.append(h('svg:rect', { x, y: 0, width: w, height: 8, class: `phase-fill phase-${index}` }));
    x += w;
  });
  return svg;
}
