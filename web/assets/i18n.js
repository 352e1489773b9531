// Messages in es (the reference, complete), en and pt, and Intl formatting for the language.

export const LANGUAGES = ['es', 'en', 'pt'];
// CLDR's plain `pt` (Brazil) counts 0 as "one" ("0 comentário"); readers of both variants
// expect "0 comentários", which is European Portuguese's rule (one is 1 only).
const PLURAL_LOCALES = { pt: 'pt-PT' };
const CHOICE_KEY = 'cocrea.lang';

let language = 'es';
let messages = {};
const cache = new Map();

async function load(lang) {
  if (!cache.has(lang)) {
    cache.set(
      lang,
      fetch(`/assets/${lang}.json`).then((response) => {
        if (!response.ok) throw new Error(`messages ${lang}: HTTP ${response.status}`);
        return response.json();
      }),
    );
  }
  return cache.get(lang);
}

/** The profile's language, else the reader's earlier choice, else the browser's, else Spanish. */
export function preferredLanguage(profileLanguage) {
  const candidates = [profileLanguage, localStorage.getItem(CHOICE_KEY), ...(navigator.languages || [])];
  for (const candidate of candidates) {
    const short = (candidate || '').slice(0, 2).toLowerCase();
    if (LANGUAGES.includes(short)) return short;
  }
  return 'es';
}

export async function setLanguage(lang, { remember = false } = {}) {
  const chosen = LANGUAGES.includes(lang) ? lang : 'es';
  messages = await load(chosen);
  language = chosen;
  document.documentElement.lang = chosen;
  if (remember) localStorage.setItem(CHOICE_KEY, chosen);
  return chosen;
}

export const currentLanguage = () => language;

/** t('votes', {count: 3}) picks 'votes.one' / 'votes.other' by the language's plural rules. */
export function t(key, params = {}) {
  let text = messages[key];
  if (text === undefined && params.count !== undefined) {
    text = messages[`${key}.${new Intl.PluralRules(PLURAL_LOCALES[language] || language).select(params.count)}`] ?? messages[`${key}.other`];
  }
  if (text === undefined) return key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return typeof value === 'number' ? formatNumber(value) : String(value);
  });
}

/** A label for a vocabulary value (phase, status, role...), or the value itself. */
export function label(kind, value) {
  const text = messages[`${kind}.${value}`];
  return text === undefined ? value : text;
}

export function formatNumber(value, options) {
  return new Intl.NumberFormat(language, options).format(value);
}

export function formatDate(iso, options = { dateStyle: 'medium' }) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : new Intl.DateTimeFormat(language, options).format(date);
}

export function formatDateTime(iso) {
  return formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
}

const UNITS = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "hace 3 días" / "3 days ago". */
export function formatRelative(iso) {
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  if (Number.isNaN(seconds)) return '';
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'minute');
}

/** A duration in seconds as the largest sensible unit ("2,5 días"). */
export function formatDuration(seconds) {
  for (const [unit, size] of UNITS.slice(3)) {
    if (Math.abs(seconds) >= size || unit === 'minute') {
      return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(
        seconds / size,
      );
    }
  }
  return '';
}
