import { Hono, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { type ReviewOrganization, toClaimReview } from '../../domain/claim-review.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type { PublicationDoc } from '../../domain/published-response.js';
import type { SearchIndex } from '../../search/types.js';
import type { PublicationStore } from '../../store/publication-store.js';
import { portalQuerySchema, searchResponses, toResponsesSearch } from './query.js';

/**
 * The public JSON API of published responses: `GET /responses` (search, filters,
 * pages of at most 100) and `GET /responses/:id`, each response with its ClaimReview.
 */
export function createPortalApi(deps: {
  search: Pick<SearchIndex, 'search'>;
  publications: Pick<PublicationStore, 'latest'>;
  baseUrl: string;
  organization: ReviewOrganization;
  guard: MiddlewareHandler[];
}) {
  const app = new Hono();
  const withReview = (r: PublicationDoc) => ({
    ...r,
    url: `${deps.baseUrl}${r.url}`,
    claimReview: toClaimReview(r, { baseUrl: deps.baseUrl, organization: deps.organization }),
  });
  const open = cors({ origin: '*', allowMethods: ['GET'], allowHeaders: ['Authorization'] });
  app.use('/responses', open, ...deps.guard);
  app.use('/responses/*', open, ...deps.guard);

  app.get('/responses', async (c) => {
    const p = portalQuerySchema.safeParse(c.req.query());
    if (!p.success) throw new ValidationError('invalid query parameters', p.error.issues);
    const res = await searchResponses(deps.search, toResponsesSearch(p.data));
    return c.json({
      hits: res.hits.map(withReview),
      total: res.total,
      page: p.data.page,
      perPage: p.data.perPage,
      totalPages: Math.ceil(res.total / p.data.perPage),
    });
  });

  app.get('/responses/:id', async (c) => {
    const r = await deps.publications.latest(c.req.param('id'));
    if (!r) throw new NotFoundError('no published response with this id');
    return c.json(withReview(r));
  });
  return app;
}
