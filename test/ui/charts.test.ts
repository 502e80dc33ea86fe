import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, startBrowser } from '../helpers/browser.js';
import { createPortalFixture, type PortalFixture } from '../portal/helpers.js';

/**
 * Issue 13, item 11: the dashboard's charts have axes with counts and dates in
 * the page's language, labels a person can read (at least 12 CSS px as
 * rendered, on a phone too), a chosen period, and evenly spaced days.
 * CHART_SHOTS=dir saves screenshots of the chart section to look at.
 */

let f: PortalFixture;
let h: BrowserHarness;

beforeAll(async () => {
  f = await createPortalFixture();
  h = await startBrowser(f.app);
}, 120_000);

afterAll(async () => {
  await h?.close();
  await f?.dispose();
});

/** Every piece of text in the chart figures with its rendered font size in CSS px. */
async function chartText(page: Page) {
  // A string, so that the DOM names are the browser's (the tests compile without the DOM library).
  return page.evaluate<{ text: string; px: number }[]>(`(() => {
    const out = [];
    for (const fig of document.querySelectorAll('figure.chart')) {
      const walker = document.createTreeWalker(fig, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        const text = (n.textContent || '').trim();
        if (!text || el.closest('details:not([open])') || el.closest('title')) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        let px = Number.parseFloat(style.fontSize);
        // SVG text scales with its drawing: measure what is on the screen.
        const svgText = el.closest('text');
        if (svgText && svgText.getScreenCTM) px *= (svgText.getScreenCTM() || { a: 1 }).a;
        out.push({ text, px });
      }
    }
    return out;
  })()`);
}

async function shot(page: Page, name: string) {
  const dir = process.env.CHART_SHOTS;
  if (dir) await page.locator('section[aria-labelledby="ch-h"]').screenshot({ path: `${dir}/${name}.png` });
}

describe('dashboard charts', () => {
  for (const [lang, width] of [
    ['tr', 1280],
    ['tr', 320],
    ['en', 1280],
    ['en', 390],
  ] as const) {
    it(`labels are at least 12 px and dates are in the page language (${lang}, ${width} px)`, async () => {
      const page = await h.session('supervisor');
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${h.base}/dashboard?days=30&lang=${lang}`);
      const texts = await chartText(page);
      // Captions, bar labels, counts and both axes are text a person reads.
      expect(texts.length).toBeGreaterThan(10);
      const small = texts.filter((t) => t.px < 12 - 0.01);
      expect(small, 'chart text under 12 px').toEqual([]);
      const x = await page.locator('.daychart .x-axis span').allTextContents();
      expect(x).toHaveLength(3);
      for (const d of x) {
        expect(d).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        expect(d).toMatch(lang === 'tr' ? /^\d{1,2} \p{L}+ \d{4}$/u : /^\d{1,2} \p{L}+ \d{4}$/u);
      }
      const monthNames = x.join(' ');
      const turkish = /Oca|Şub|Mar|Nis|May|Haz|Tem|Ağu|Eyl|Eki|Kas|Ara/;
      const english = /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/;
      expect(monthNames).toMatch(lang === 'tr' ? turkish : english);
      const y = await page.locator('.daychart .y-axis span').allTextContents();
      expect(y.at(-1)).toBe('0');
      expect(Number(y[0])).toBeGreaterThanOrEqual(Number(y[1]));
      // The tag chart shows labels, never codes.
      const tagLabels = await page.locator('#by-tag-t').locator('..').locator('.bar-label').allTextContents();
      expect(tagLabels.length).toBeGreaterThan(0);
      for (const l of tagLabels) expect(l).not.toMatch(/^[a-z]+(_[a-z]+)+$/);
      // Nothing scrolls sideways.
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      await shot(page, `dashboard-${lang}-${width}`);
      await page.context().close();
    });
  }

  it('the chosen period sets the days on the axis, with empty days shown', async () => {
    const page = await h.session('supervisor');
    for (const days of [7, 30, 90]) {
      await page.goto(`${h.base}/dashboard?days=${days}`);
      expect(await page.locator('#days').inputValue()).toBe(String(days));
      const rows = page.locator('figure.chart:has(#perday-t) details tbody tr');
      expect(await rows.count()).toBe(days);
      // The columns are evenly spaced days: first and last are days - 1 days apart.
      const first = await rows.first().locator('th').textContent();
      const last = await rows.last().locator('th').textContent();
      expect(first).not.toBe(last);
      expect(await page.locator('.daychart svg rect.bar').count()).toBe(days);
    }
    // Changing the period through the form (as a person would).
    await page.selectOption('#days', '7');
    await page.getByRole('button', { name: 'Uygula' }).click();
    await page.waitForURL(/days=7/);
    expect(await page.locator('.daychart svg rect.bar').count()).toBe(7);
    // Today's items are in the last column of the table.
    const lastRow = page.locator('figure.chart:has(#perday-t) details tbody tr').last();
    expect(Number(await lastRow.locator('td').first().textContent())).toBeGreaterThan(0);
    await page.context().close();
  });
});
