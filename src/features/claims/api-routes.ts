import { Hono } from 'hono';
import { NotFoundError } from '../../domain/errors.js';
import type { ClaimLinkStore } from '../../store/claim-link-store.js';
import type { ClaimOverview, ClaimStore, KnownClaim } from '../../store/claim-store.js';
import { bearerToken, type TokenPrincipal } from '../../web/middleware/bearer-token.js';
import { claimListQuerySchema } from './claim-input.js';

const view = (c: KnownClaim) => ({
  id: c.id,
  text: c.text,
  verdict: c.verdict,
  topic: c.topic ?? null,
  aliases: c.aliases ?? [],
  sourceUrl: c.sourceUrl,
  createdAt: c.createdAt ?? null,
  updatedAt: c.updatedAt ?? null,
});
const listView = (c: ClaimOverview) => ({
  ...view(c),
  total: c.total,
  confirmed: c.confirmed,
  last7Days: c.last7,
  previous7Days: c.prev7,
  firstSeen: c.firstSeen,
  lastSeen: c.lastSeen,
});

/**
 * `GET /api/v1/claims?sort=recent|rising|total` and `GET /api/v1/claims/:id` (token
 * with `read`): the claims library with appearance counts by day, channel and province.
 * A merged claim's id answers with a redirect to the claim it was merged into.
 */
export function createClaimsApi(deps: {
  claims: Pick<ClaimStore, 'overview' | 'get' | 'counts'>;
  claimLinks: Pick<ClaimLinkStore, 'publishedResponses'>;
  verifyToken: (token: string) => Promise<TokenPrincipal | null>;
}) {
  const app = new Hono();
  const auth = bearerToken({ verify: deps.verifyToken, scope: 'read' });
  app.use('/claims', auth);
  app.use('/claims/*', auth);
  app.get('/claims', async (c) => {
    const q = claimListQuerySchema.parse(c.req.query());
    const rows = await deps.claims.overview({
      sort: q.sort,
      verdict: q.verdict,
      topic: q.topic ?? undefined,
      province: q.province ?? undefined,
    });
    return c.json({ sort: q.sort, claims: rows.map(listView) });
  });
  app.get('/claims/:id', async (c) => {
    const id = c.req.param('id');
    const claim = await deps.claims.get(id);
    if (!claim) throw new NotFoundError('no such claim');
    if (claim.mergedInto) return c.redirect(`/api/v1/claims/${encodeURIComponent(claim.mergedInto)}`, 301);
    const [counts, [response]] = await Promise.all([
      deps.claims.counts(id),
      deps.claimLinks.publishedResponses([id]),
    ]);
    return c.json({
      ...view(claim),
      total: counts.total,
      firstSeen: counts.firstSeen,
      lastSeen: counts.lastSeen,
      byDay: counts.byDay,
      byChannel: counts.byChannel.map((x) => ({ channel: x.key, n: x.n })),
      byProvince: counts.byProvince.map((x) => ({ province: x.key || null, n: x.n })),
      response: response
        ? {
            id: response.responseId,
            title: response.title,
            verdict: response.verdict,
            publishedAt: response.publishedAt,
          }
        : null,
    });
  });
  return app;
}
