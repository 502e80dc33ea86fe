import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { FeatureTexts } from '../../features/seam.js';
import { en as baseEn } from './i18n-en.js';
import { tr as baseTr } from './i18n-tr.js';

/** UI languages: Turkish first, English second. */
export const uiLangs = ['tr', 'en'] as const;
export type UiLang = (typeof uiLangs)[number];

type ShellMessages = typeof baseTr;
/**
 * Every UI message key: the shell's own (i18n-tr.ts) plus each feature's. A
 * feature adds its keys with `declare module` in its own i18n.ts and its texts at
 * run time through the feature seam, so the shell imports no feature's dictionary.
 */
export interface Messages extends ShellMessages {}
export type MsgKey = keyof Messages & string;

/** The UI dictionaries of one app: the shell's texts plus every feature's. */
export type Dictionaries = Record<UiLang, Record<string, string>>;

/** Merges the shell's texts with the features' (a feature's key never replaces the shell's). */
export function createDictionaries(parts: FeatureTexts[]): Dictionaries {
  const d: Dictionaries = { tr: {}, en: {} };
  for (const p of [...parts, { tr: baseTr, en: baseEn }]) {
    Object.assign(d.tr, p.tr);
    Object.assign(d.en, p.en);
  }
  return d;
}

/** The shell's texts alone (error pages before the feature texts are known). */
export const shellDictionaries = createDictionaries([]);

/** A translator: `t('key', {n: 3})` replaces `{n}`; unknown keys fall back to Turkish, then to the key. */
export type T = ((key: MsgKey, vars?: Record<string, string | number>) => string) & {
  /** Whether a key has a text (used for enum labels). */
  has(key: string): boolean;
};

export function translator(dicts: Dictionaries, lang: UiLang): T {
  const d = dicts[lang];
  const t = (key: MsgKey, vars?: Record<string, string | number>) => {
    let s = d[key] ?? dicts.tr[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
  return Object.assign(t, { has: (key: string) => key in dicts.tr });
}

/** Translates an enum value with a prefix (`verdict.false`), or shows the value itself. */
export const label = (t: T, prefix: string, value: string) => {
  const key = `${prefix}.${value}`;
  return t.has(key) ? t(key as MsgKey) : value;
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
