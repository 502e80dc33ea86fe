import type { Page } from 'playwright-core';

/** What a page holds that it should not: executed payloads, injected elements, handlers, bad links. */
export interface Findings {
  xss: unknown;
  handlers: string[];
  injected: string[];
  scripts: number;
  badLinks: string[];
  markerShown: boolean;
}

// Runs in the page (a string: the project's TypeScript has no DOM types).
const INSPECT = `(() => {
  const all = [...document.querySelectorAll('*')];
  const dangerous = /^(javascript|data|vbscript):/i;
  // Browsers drop ASCII whitespace and controls inside a scheme: squash them before matching.
  const squash = (s) => [...s].filter((ch) => ch.charCodeAt(0) > 32).join('');
  return {
    xss: window.__xss,
    handlers: all
      .filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name)))
      .map((e) => e.outerHTML.slice(0, 120)),
    injected: [...document.querySelectorAll('img[src="x"], svg[onload], iframe, object, embed')].map((e) =>
      e.outerHTML.slice(0, 120),
    ),
    // JSON-LD carries the payloads as data; it must still be one JSON value (no break-out).
    scripts: [...document.scripts].filter((s) => {
      if (s.type !== 'application/ld+json') return /__xss/.test(s.textContent ?? '');
      try {
        JSON.parse(s.textContent ?? '');
        return false;
      } catch {
        return true;
      }
    }).length,
    badLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
      .flatMap((e) => ['href', 'src', 'action', 'formaction'].map((n) => e.getAttribute(n)).filter((v) => v !== null))
      .filter((v) => dangerous.test(squash(v))),
    markerShown: document.body.textContent.includes('XSSMARKER'),
  };
})()`;

export const inspect = (page: Page) => page.evaluate<Findings>(INSPECT);

/** The findings of a clean page (everything but `markerShown`). */
export const CLEAN = { xss: undefined, handlers: [], injected: [], scripts: 0, badLinks: [] };
