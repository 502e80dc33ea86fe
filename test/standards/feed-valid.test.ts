import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAtomFeed, parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PublishedResponse, publishedResponseSchema } from '../../src/domain/published-response.js';
import { renderPersonalFeed } from '../../src/features/follows/personal-feed.js';
import { inCI } from '../helpers/env.js';
import { approvedResponse, BASE_URL, createPortalFixture, type PortalFixture } from '../portal/helpers.js';
import { client } from '../web/fixture.js';

/**
 * Issue 13, item 10: the feeds pass a validator. The W3C feed validator needs the
 * network, so the Atom feeds are validated with jing (Debian's RELAX NG validator,
 * .ci/apt-packages) against RFC 4287's grammar (test/fixtures/schemas/atom.rnc),
 * plus the RFC's rules a grammar cannot say. RSS 2.0 has no official grammar: its
 * required channel and item elements are checked here, after parsing with feedsmith.
 */
const run = promisify(execFile);
const hasJing = spawnSync('jing', [], { stdio: 'ignore' }).error === undefined;
if (!hasJing) {
  if (inCI) throw new Error('jing is not installed (Debian package jing, listed in .ci/apt-packages)');
  console.warn('[test] jing not on PATH, skipping the Atom validation');
}

let f: PortalFixture;
let dir = '';

beforeAll(async () => {
  f = await createPortalFixture();
  dir = await mkdtemp(join(tmpdir(), 'kopru-feeds-'));
  for (const title of ['Baraj patladı iddiası yanlış', 'Summary with <otherwise> & “quotes”']) {
    const id = await approvedResponse(f, { title, summary: `${title}: <b>not markup</b> & more` });
    expect((await f.sup.post(`/drafts/${id}/publish`)).status).toBe(303);
  }
}, 120_000);

afterAll(async () => {
  await f?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function jing(name: string, xml: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, xml);
  const r = await run('jing', ['-c', 'test/fixtures/schemas/atom.rnc', file]).then(
    (x) => x.stdout,
    (err: { stdout?: string }) => err.stdout ?? String(err),
  );
  return r.trim();
}

/** RFC 4287 rules outside the grammar: an author for the feed or every entry; unique ids. */
function atomRules(xml: string) {
  const feed = parseAtomFeed(xml);
  const entries = feed.entries ?? [];
  const problems: string[] = [];
  if (!feed.authors?.length && entries.some((e) => !e.authors?.length))
    problems.push('no feed author and an entry without one');
  const ids = entries.map((e) => e.id);
  if (new Set(ids).size !== ids.length) problems.push('entry ids repeat');
  if (!(feed.links ?? []).some((l) => l.rel === 'self')) problems.push('no rel="self" link');
  return { problems, entries: entries.length };
}

describe('feeds are valid', () => {
  it.skipIf(!hasJing)('the portal Atom feeds, all and filtered, validate against RFC 4287', async () => {
    const anon = client(f);
    for (const path of ['/responses.atom', '/responses.atom?verdict=false', '/responses.atom?lang=en']) {
      const res = await anon.request(path);
      expect(res.status).toBe(200);
      const xml = await res.text();
      expect(await jing(`portal-${path.length}.atom`, xml), path).toBe('');
      const { problems, entries } = atomRules(xml);
      expect(problems, path).toEqual([]);
      if (!path.includes('lang=en')) expect(entries, path).toBeGreaterThanOrEqual(2);
    }
  });

  it.skipIf(!hasJing)('the personal Atom feed validates, with and without entries', async () => {
    // The published documents as the personal feed reads them: from the public index.
    const hits = (
      await f.app.search.search<PublishedResponse>('responses', { sort: ['publishedAt:desc'], limit: 10 })
    ).hits;
    const published = hits.map((h) => publishedResponseSchema.parse(h));
    expect(published.length).toBeGreaterThanOrEqual(2);
    for (const responses of [published, []]) {
      const xml = renderPersonalFeed({
        baseUrl: BASE_URL,
        title: 'Takip ettiklerim',
        description: 'Takip ettiğiniz konulardaki yanıtlar',
        lang: 'tr',
        format: 'atom',
        selfUrl: `${BASE_URL}/feeds/personal/${'A'.repeat(43)}.atom`,
        responses,
      });
      expect(await jing(`personal-${responses.length}.atom`, xml)).toBe('');
      expect(atomRules(xml).problems).toEqual([]);
    }
  });

  it('the grammar catches what it should (a control: a broken feed fails)', async (t) => {
    if (!hasJing) return t.skip();
    const broken = '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><updated>dün</updated></feed>';
    const out = await jing('broken.atom', broken);
    expect(out).toMatch(/missing required element "id"/);
    expect(out).toMatch(/ISO date and time/);
  });

  it('the RSS feeds carry every element RSS 2.0 requires, and escaped text', async () => {
    const anon = client(f);
    for (const path of ['/responses.rss', '/responses.rss?verdict=false']) {
      const xml = await (await anon.request(path)).text();
      expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<rss version="2.0"/i);
      const feed = parseRssFeed(xml);
      expect(feed.title, path).toBeTruthy();
      expect(feed.link, path).toMatch(/^https:\/\//);
      expect(feed.description, path).toBeTruthy();
      expect(
        feed.atom?.links?.some((l) => l.rel === 'self'),
        path,
      ).toBe(true);
      for (const item of feed.items ?? []) {
        // RSS 2.0: an item has a title or a description; ours have both, a guid and a date.
        expect(item.title).toBeTruthy();
        expect(item.description).toBeTruthy();
        expect(item.guid?.value).toBeTruthy();
        expect(Number.isNaN(Date.parse(String(item.pubDate)))).toBe(false);
      }
      // Descriptions are HTML-escaped text (a reader shows them as HTML): a summary's "<b>" is
      // shown as written, never applied, and the words after "<otherwise>" survive.
      const descriptions = (feed.items ?? []).map((i) => String(i.description));
      for (const d of descriptions) expect(d).not.toContain('<b>');
      if (path === '/responses.rss') {
        expect(descriptions.join('\n')).toContain('&lt;b&gt;not markup&lt;/b&gt; &amp; more');
        expect(descriptions.join('\n')).toContain('&lt;otherwise&gt; &amp;');
      }
    }
  });
});
