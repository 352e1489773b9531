// A small, safe Markdown renderer for release notes: it builds DOM nodes with h(), never
// parses anything as HTML, so a note cannot inject markup or script. Supported: headings
// (#, ##, ###), paragraphs, - / * / 1. lists, > quotes, ``` code blocks, **bold**, *italic*,
// `code` and [links](https://...) to http(s) or mailto only; anything else stays plain text.

import { h } from './dom.js';

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
const INLINE = /(\*\*[^*]+\*\*|`[^`]+`|\[[^\]]+\]\([^)\s]+\)|\*[^*\s][^*]*\*|_[^_\s][^_]*_)/;

/** Inline spans of one line of text, as nodes and strings. */
export function inline(text) {
  const out = [];
  let rest = text;
  while (rest) {
    const match = INLINE.exec(rest);
    if (!match) {
      out.push(rest);
      break;
    }
    if (match.index) out.push(rest.slice(0, match.index));
    const token = match[0];
    if (token.startsWith('**')) out.push(h('strong', {}, inline(token.slice(2, -2))));
    else if (token.startsWith('`')) out.push(h('code', {}, token.slice(1, -1)));
    else if (token.startsWith('[')) {
      const [, label, href] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token);
      out.push(SAFE_LINK.test(href) ? h('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank' }, inline(label)) : token);
    } else out.push(h('em', {}, inline(token.slice(1, -1))));
    rest = rest.slice(match.index + token.length);
  }
  return out;
}

/** The blocks of a Markdown text, as an array of elements. */
export function renderMarkdown(source, { headingOffset = 1 } = {}) {
  const lines = String(source || '').replace(/\r\n?/g, '\n').split('\n');
  const blocks = [];
  let paragraph = [];
  let list = null;
  const flushParagraph = () => {
    if (paragraph.length) blocks.push(h('p', {}, inline(paragraph.join(' '))));
    paragraph = [];
  };
  const flushList = () => {
    if (list) blocks.push(list);
    list = null;
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line.startsWith('```')) {
      flushParagraph();
      flushList();
      const code = [];
      for (i += 1; i < lines.length && !lines[i].startsWith('```'); i += 1) code.push(lines[i]);
      blocks.push(h('pre', {}, h('code', {}, code.join('\n'))));
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (heading) {
      flushParagraph();
      flushList();
      const level = Math.min(heading[1].length + headingOffset, 6);
      blocks.push(h(`h${level}`, {}, inline(heading[2])));
    } else if (bullet || numbered) {
      flushParagraph();
      const tag = bullet ? 'ul' : 'ol';
      if (!list || list.tagName.toLowerCase() !== tag) {
        flushList();
        list = h(tag, {});
      }
      list.append(h('li', {}, inline((bullet || numbered)[1])));
    } else if (line.startsWith('>')) {
      flushParagraph();
      flushList();
      blocks.push(h('blockquote', {}, h('p', {}, inline(line.replace(/^>\s?/, '')))));
    } else if (!line.trim()) {
      flushParagraph();
      flushList();
    } else {
      flushList();
      paragraph.push(line.trim());
    }
  }
  flushParagraph();
  flushList();
  return blocks;
}
