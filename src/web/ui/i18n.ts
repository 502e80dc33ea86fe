import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import * as applications from '../../features/applications/i18n.js';
import * as follows from '../../features/follows/i18n.js';
import * as intake from '../../features/intake/i18n.js';
import * as portal from '../../features/portal/i18n.js';
import { en as baseEn } from './i18n-en.js';
import { tr as baseTr } from './i18n-tr.js';

// Each feature keeps its own texts; the UI dictionary is their union.
const tr = { ...baseTr, ...portal.tr, ...follows.tr, ...applications.tr, ...intake.tr };
const en = { ...baseEn, ...portal.en, ...follows.en, ...applications.en, ...intake.en };

/** UI languages: Turkish first, English second. */
export const uiLangs = ['tr', 'en'] as const;
export type UiLang = (typeof uiLangs)[number];
export type MsgKey = keyof typeof tr;

const dicts: Record<UiLang, Record<MsgKey, string>> = { tr, en };

/** A translator: `t('key', {n: 3})` replaces `{n}`; unknown keys fall back to Turkish. */
export type T = (key: MsgKey, vars?: Record<string, string | number>) => string;

export function translator(lang: UiLang): T {
  const d = dicts[lang];
  return (key, vars) => {
    let s = d[key] ?? tr[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
}

/** Translates an enum value with a prefix (`verdict.false`), or shows the value itself. */
export const label = (t: T, prefix: string, value: string) => {
  const key = `${prefix}.${value}` as MsgKey;
  return key in tr ? t(key) : value;
};

const LANG_COOKIE = 'kopru_lang';

/** The request's UI language: `?lang=` (remembered in a cookie), else the cookie, else Turkish. */
export function resolveLang(c: Context): UiLang {
  const q = c.req.query('lang');
  if (q === 'tr' || q === 'en') {
    setCookie(c, LANG_COOKIE, q, { path: '/', sameSite: 'Lax', maxAge: 365 * 86400 });
    return q;
  }
  const cookie = getCookie(c, LANG_COOKIE);
  return cookie === 'en' ? 'en' : 'tr';
}
