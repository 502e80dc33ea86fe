import type { UiLang } from './i18n.js';

const locale = (lang: UiLang) => (lang === 'en' ? 'en-GB' : 'tr-TR');
const cache = new Map<string, Intl.DateTimeFormat>();
function format(lang: UiLang, kind: 'dateTime' | 'date' | 'zoned') {
  const key = `${lang}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lang), {
      timeZone: 'Europe/Istanbul',
      ...(kind === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' }),
    });
    cache.set(key, f);
  }
  return f;
}

/**
 * The one date-time format of the UI: Istanbul time, the page's language
 * ("2 Ara 2026 14:05" / "2 Dec 2026, 14:05"). `zone` adds the zone where a reader
 * could take the time for another one (the audit log, exports' pages).
 */
export function dateTime(lang: UiLang, iso: string | Date | null | undefined, opts: { zone?: boolean } = {}) {
  if (!iso) return '';
  const d = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const s = format(lang, 'dateTime').format(d);
  return opts.zone ? `${s} (${lang === 'en' ? 'Istanbul time' : 'TSİ'})` : s;
}

/** A calendar day in Istanbul, in the page's language ("2 Ara 2026"). */
export function dateOnly(lang: UiLang, iso: string | Date | null | undefined) {
  if (!iso) return '';
  const d = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : format(lang, 'date').format(d);
}

/** A file size in KB or MB in the page language ("120 KB", "1,5 MB"). */
export function formatSize(bytes: number, lang: string): string {
  const fmt = (n: number) =>
    n.toLocaleString(lang === 'en' ? 'en-GB' : 'tr-TR', { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024 ? `${fmt(bytes / (1024 * 1024))} MB` : `${fmt(Math.max(1, bytes / 1024))} KB`;
}
