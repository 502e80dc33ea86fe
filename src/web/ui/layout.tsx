import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { can, type Permission } from '../../domain/review/permissions.js';
import type { HeaderLink } from '../../features/seam.js';
import type { TagLabels } from '../../pipeline/load-tagger.js';
import type { SessionUser } from '../auth/session-auth.js';
import {
  type Dictionaries,
  type MsgKey,
  shellDictionaries,
  type T,
  translator,
  type UiLang,
} from './i18n.js';
import { KeyHelp, shortcutsAttr } from './key-help.js';
import { dateOnly, dateTime } from './when.js';

/** A navigation entry contributed by a feature module. */
export interface NavEntry {
  href: string;
  tr: string;
  en: string;
  permission: Permission;
}

declare module 'hono' {
  interface ContextVariableMap {
    lang: UiLang;
    featureNav: NavEntry[];
    headerLinks: HeaderLink[];
    texts: Dictionaries;
    tagLabels: TagLabels;
  }
}

/** What every view needs from the request: translator, language, user, CSRF token. */
export interface ViewCtx {
  t: T;
  lang: UiLang;
  user: SessionUser | undefined;
  csrf: string;
  path: string;
  search: string;
  /** A tag family's label in the page language (a label staff typed is shown as it is). */
  tag: (code: string) => string;
  /** An evidence rule's label in the page language. */
  rule: (id: string) => string;
  /** A date and time in Istanbul time in the page language; `zone` states the zone. */
  when: (iso: string | Date | null | undefined, opts?: { zone?: boolean }) => string;
  /** A calendar day in Istanbul time in the page language. */
  day: (iso: string | Date | null | undefined) => string;
  /** Whether a tag family always sends its items to a supervisor. */
  alwaysFlag: (code: string) => boolean;
  /** The signed-in user's navigation: the pages of the feature modules. */
  nav: { href: string; label: string; permission: Permission }[];
  /** Links the features put in the header for this user (e.g. unread alerts). */
  headerLinks: HeaderLink[];
}

/** Builds the view context of a request. */
export function viewCtx(c: Context): ViewCtx {
  const lang = c.get('lang') ?? 'tr';
  const url = new URL(c.req.url);
  const t = translator(c.get('texts') ?? shellDictionaries, lang);
  const labels = c.get('tagLabels');
  return {
    t,
    tag: (code) => (labels ? labels.tag(code, lang) : code),
    rule: (id) => (labels ? labels.rule(id, lang) : id),
    alwaysFlag: (code) => labels?.alwaysFlag(code) ?? false,
    when: (iso, opts) => dateTime(lang, iso, opts),
    day: (iso) => dateOnly(lang, iso),
    lang,
    user: c.get('user'),
    csrf: c.get('csrf') ?? '',
    path: url.pathname,
    search: url.search,
    headerLinks: c.get('headerLinks') ?? [],
    nav: [
      ...(c.get('featureNav') ?? []).map((e) => ({
        href: e.href,
        label: lang === 'en' ? e.en : e.tr,
        permission: e.permission,
      })),
    ],
  };
}

/** The hidden CSRF field every state-changing form carries. */
export const Csrf = ({ v }: { v: ViewCtx }) => <input type="hidden" name="_csrf" value={v.csrf} />;

const langSwitch = (v: ViewCtx) => {
  const other: UiLang = v.lang === 'tr' ? 'en' : 'tr';
  const params = new URLSearchParams(v.search);
  params.set('lang', other);
  return (
    <a href={`${v.path}?${params}`} lang={other} hreflang={other}>
      {other === 'en' ? 'English' : 'Türkçe'}
    </a>
  );
};

/** The page shell: skip link, banner with navigation, main landmark with the page heading, live region. */
export function Layout(props: {
  v: ViewCtx;
  title: string;
  children?: Child;
  wide?: boolean;
  /** Page-specific head elements (canonical link, Open Graph, feed links, JSON-LD). */
  head?: Child;
}) {
  const { v } = props;
  return (
    <html lang={v.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Köprü`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/app.js" defer></script>
        {props.head}
      </head>
      <body data-lang={v.lang} data-shortcuts={v.user ? shortcutsAttr(v.user.shortcuts) : undefined}>
        <a class="skip" href="#main">
          {v.t('a11y.skip')}
        </a>
        <header class="top">
          {/* Visitors (journalists, citizens) come for the public portal; staff for their workbench. */}
          <a class="brand" href={v.user ? '/' : '/responses'}>
            Köprü
          </a>
          {v.user ? (
            <Fold label={v.t('nav.menu')}>
              {/* Counts in the folded header stay in sight (e.g. unseen alerts). */}
              {v.headerLinks
                .filter((l) => l.count)
                .map((l) => ` · ${v.lang === 'en' ? l.en : l.tr} (${l.count})`)
                .join('')}
            </Fold>
          ) : null}
          {v.user ? (
            <nav aria-label={v.t('nav.label')} class="folded">
              <ul>
                {v.nav
                  .filter((e) => can(v.user!.role, e.permission))
                  .map((e) => (
                    <li>
                      <a href={e.href} aria-current={v.path.startsWith(e.href) ? 'page' : undefined}>
                        {e.label}
                      </a>
                    </li>
                  ))}
              </ul>
            </nav>
          ) : null}
          <div class={v.user ? 'tools folded' : 'tools'}>
            {v.headerLinks.map((l) => (
              <a
                href={l.href}
                class="header-link"
                aria-current={v.path === l.href ? 'page' : undefined}
                data-live-count={l.live?.src}
                data-live-announce={l.live ? (v.lang === 'en' ? l.live.en : l.live.tr) : undefined}
              >
                {v.lang === 'en' ? l.en : l.tr}
                {l.count ? <span class="count">{` (${l.count})`}</span> : null}
              </a>
            ))}
            {v.user ? (
              <button type="button" class="linkish" data-help>
                {v.t('keys.title')}
              </button>
            ) : null}
            {langSwitch(v)}
            {v.user ? (
              <form method="post" action="/logout" class="inline">
                <Csrf v={v} />
                <span class="who">
                  {v.user.name} ({v.t(`role.${v.user.role}` as MsgKey)})
                </span>{' '}
                <a href="/account/password">{v.t('nav.password')}</a>{' '}
                <button type="submit">{v.t('nav.logout')}</button>
              </form>
            ) : null}
          </div>
        </header>
        <main id="main" tabindex={-1} class={props.wide ? 'wide' : undefined}>
          <h1>{props.title}</h1>
          {props.children}
        </main>
        {v.user ? null : (
          <footer class="public-links">
            <nav aria-label={v.t('public.nav')}>
              <ul>
                <li>
                  <a href="/responses">{v.t('public.portal')}</a>
                </li>
                <li>
                  <a href={v.lang === 'en' ? '/apply' : '/basvuru'}>{v.t('public.apply')}</a>
                </li>
                <li>
                  <a href={v.lang === 'en' ? '/apply/status' : '/basvuru/durum'}>{v.t('public.status')}</a>
                </li>
                <li>
                  <a href="/login">{v.t('public.staff')}</a>
                </li>
              </ul>
            </nav>
          </footer>
        )}
        {v.user ? <KeyHelp v={v} /> : null}
        <div id="live" class="sr-only" aria-live="polite"></div>
      </body>
    </html>
  );
}

/**
 * The button of a fold: on a narrow screen (a phone, or a desktop at 200-400 %
 * zoom) the sibling elements marked `folded` stay hidden until it is opened; on a
 * wide screen the button is hidden and they always show. Pure HTML and CSS (a
 * `<details>` used as a toggle), so it works without the page script.
 */
export const Fold = ({ label, open, children }: { label: string; open?: boolean; children?: Child }) => (
  <details class="fold" open={open}>
    <summary>
      {label}
      {children}
    </summary>
  </details>
);

/** A status message with a text prefix, so meaning never depends on colour alone. */
export const Notice = ({ kind, children }: { kind: 'ok' | 'error' | 'info'; children?: Child }) => (
  <div class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {children}
  </div>
);
