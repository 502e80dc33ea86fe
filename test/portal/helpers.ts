import { expect } from 'vitest';
import type { AppEventMap } from '../../src/domain/events.js';
import type { createPortalFeature } from '../../src/features/portal/feature.js';
import { eventually } from '../helpers/app.js';
import { client, confirmedVerdict, createUiFixture, type UiFixture } from '../web/fixture.js';

export const BASE_URL = 'https://portal.example';

/** Posts that carry the dam claim with public URLs, and one unrelated post. */
export const APPEARANCE_POSTS = [
  {
    source: 'sosyal-c',
    text: 'SON DAKİKA! Baraj patladı, şehir sular altında kalacak, silinmeden paylaşın!',
    url: 'https://social.example/p/2',
    publishedAt: '2024-03-02T10:00:00Z',
    province: 'İzmir',
  },
  {
    source: 'sosyal-d',
    text: 'SON DAKİKA!! Baraj patladı, şehir sular altında kalacak, silinmeden paylaşın!!',
    url: 'https://social.example/p/1',
    publishedAt: '2024-03-01T08:00:00Z',
    province: 'İzmir',
  },
];

/**
 * The UI fixture with a public origin, a quiet embargo timer (tests call `tick` with
 * their own clock), a high API rate unless given, and posts with URLs in the dam cluster.
 */
export async function createPortalFixture(env: Record<string, string> = {}) {
  const f = await createUiFixture({
    PUBLIC_BASE_URL: BASE_URL,
    PUBLISH_TICK_MS: '3600000',
    PORTAL_API_RATE_PER_MIN: '100000',
    ...env,
  });
  await f.app.ingest.ingest('post', APPEARANCE_POSTS);
  await eventually(
    'posts indexed',
    async () => (await f.app.search.search('items', { limit: 0 })).total >= 6,
  );
  const events: { name: keyof AppEventMap; payload: AppEventMap[keyof AppEventMap] }[] = [];
  f.app.events.on('response.published', (p) => void events.push({ name: 'response.published', payload: p }));
  f.app.events.on('response.corrected', (p) => void events.push({ name: 'response.corrected', payload: p }));
  const portal = f.app.features.find((x) => x.name === 'portal') as ReturnType<typeof createPortalFeature>;
  const staff = client(f);
  const sup = client(f);
  expect((await staff.login('staff')).status).toBe(303);
  expect((await sup.login('supervisor')).status).toBe(303);
  return { ...f, portal, events, staff, sup };
}
export type PortalFixture = Awaited<ReturnType<typeof createPortalFixture>>;

/** The id of the first dam post of the base fixture (no URL of its own; its cluster has two). */
export async function damItem(f: UiFixture): Promise<string> {
  const { rows } = await f.app.db.query<{ id: string }>(
    `SELECT id FROM items WHERE source = 'haber-a' AND kind = 'post'`,
  );
  return rows[0]!.id;
}

/** Drafts (staff), submits and approves (supervisor) a response; returns its id. */
export async function approvedResponse(
  f: PortalFixture,
  fields: Partial<
    Record<'title' | 'claimReviewed' | 'verdict' | 'summary' | 'body' | 'sources' | 'lang', string>
  > = {},
  opts: { itemId?: string; kind?: 'public' | 'reply'; noVerdict?: boolean } = {},
): Promise<string> {
  const itemId = opts.itemId ?? (await damItem(f));
  // A public response is published only on an item with a (confirmed) verdict.
  if ((opts.kind ?? 'public') === 'public' && !opts.noVerdict) await confirmedVerdict(f, itemId);
  const res = await f.staff.post('/drafts', {
    itemId,
    kind: opts.kind ?? 'public',
    title: 'Baraj patladı iddiası yanlış',
    claimReviewed: 'Baraj patladı, şehir sular altında kalacak',
    verdict: 'false',
    summary: 'Baraj sağlam; DSİ açıkladı.',
    body: 'Baraj **sağlam**.',
    sources: 'https://dsi.example/aciklama',
    lang: 'tr',
    ...fields,
  });
  expect(res.status).toBe(303);
  const id = res.headers.get('location')!.split('/').pop()!;
  expect((await f.staff.post(`/drafts/${id}/submit`)).status).toBe(303);
  expect((await f.sup.post(`/drafts/${id}/approve`)).status).toBe(303);
  return id;
}

/** Reads the ClaimReview JSON-LD block of a response page. */
export function jsonLdOf(html: string): Record<string, unknown> {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no JSON-LD block on the page');
  return JSON.parse(m[1]!) as Record<string, unknown>;
}
