/**
 * Every public (no login) route of the portal, for the leak test. Other features
 * add theirs here so one test checks that no unpublished data comes back anywhere.
 * `:id` is replaced by each response id under test, `:q` by each secret searched for.
 */
export const PUBLIC_ROUTES: { path: string; accept: string }[] = [
  { path: '/responses', accept: 'text/html' },
  { path: '/responses?q=:q', accept: 'text/html' },
  { path: '/responses?q=:q&sort=relevance', accept: 'text/html' },
  { path: '/responses/:id', accept: 'text/html' },
  { path: '/responses.rss', accept: 'application/rss+xml' },
  { path: '/responses.rss?q=:q', accept: 'application/rss+xml' },
  { path: '/responses.atom', accept: 'application/atom+xml' },
  { path: '/responses.atom?q=:q', accept: 'application/atom+xml' },
  { path: '/api/v1/responses', accept: 'application/json' },
  { path: '/api/v1/responses?q=:q', accept: 'application/json' },
  { path: '/api/v1/responses?perPage=100', accept: 'application/json' },
  { path: '/api/v1/responses/:id', accept: 'application/json' },
  { path: '/api/v1/openapi.json', accept: 'application/json' },
  // Citizen application form and status lookup (intake feature); the lookup itself is a POST.
  { path: '/basvuru', accept: 'text/html' },
  { path: '/apply', accept: 'text/html' },
  { path: '/basvuru/durum', accept: 'text/html' },
  { path: '/apply/status', accept: 'text/html' },
  // A journalist's personal feed (follows feature): `:feed` is a valid feed token.
  { path: '/feeds/personal/:feed.atom', accept: 'application/atom+xml' },
  { path: '/feeds/personal/:feed.rss', accept: 'application/rss+xml' },
];

/** Expands the routes for the given ids, search strings and feed token (routes without placeholders once). */
export function expandRoutes(ids: string[], queries: string[], feedToken?: string) {
  const out: { path: string; accept: string }[] = [];
  for (const r of PUBLIC_ROUTES) {
    if (r.path.includes(':feed')) {
      if (feedToken) out.push({ ...r, path: r.path.replace(':feed', feedToken) });
      continue;
    }
    const withIds = r.path.includes(':id') ? ids.map((id) => r.path.replace(':id', id)) : [r.path];
    for (const p of withIds) {
      if (p.includes(':q'))
        for (const q of queries) out.push({ ...r, path: p.replace(':q', encodeURIComponent(q)) });
      else out.push({ ...r, path: p });
    }
  }
  return out;
}
