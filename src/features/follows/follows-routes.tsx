import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Config } from '../../config.js';
import type { SearchIndex } from '../../search/types.js';
import type { FollowStore } from '../../store/follow-store.js';
import type { createAuditLog } from '../../store/index.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { viewCtx } from '../../web/ui/layout.js';
import { followsFormSchema } from './follows-input.js';
import { FollowsPage, type FollowsPageState } from './follows-view.js';
import { feedUrl, hashFeedToken, newFeedToken } from './personal-feed.js';
import { newWebhookSecret } from './webhook-signature.js';
import { checkWebhookHost, parseWebhookUrl, WebhookTargetError } from './webhook-target.js';

/** Everything the follows page needs. */
export interface FollowsRoutesDeps {
  follows: FollowStore;
  search: Pick<SearchIndex, 'search'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
  config: Pick<Config, 'PUBLIC_BASE_URL' | 'WEBHOOK_ALLOW_PRIVATE'>;
}

/**
 * `/account/follows`: a journalist chooses topics and provinces, sets a webhook
 * (secret shown once, rotatable), sees the latest deliveries and gets a personal
 * feed address (shown once, only its hash is kept). Every change is audited; no
 * secret ever reaches the audit log.
 */
export function createFollowsRoutes(deps: FollowsRoutesDeps) {
  const app = new Hono();
  app.use('/account/follows', requirePermission('follows.manage'));
  app.use('/account/follows/*', requirePermission('follows.manage'));
  const allowPrivate = deps.config.WEBHOOK_ALLOW_PRIVATE;

  const facetTopics = async () => {
    const res = await deps.search.search('responses', { limit: 0, facets: ['topics'] });
    return Object.keys(res.facets.topics ?? {}).sort((a, b) => a.localeCompare(b, 'tr'));
  };
  const render = async (c: Context, state: FollowsPageState = {}, status: 200 | 400 = 200) => {
    const user = c.get('user')!;
    const [settings, topics, deliveries] = await Promise.all([
      deps.follows.get(user.id),
      facetTopics(),
      deps.follows.recentDeliveries(user.id, 20),
    ]);
    return c.html(
      <FollowsPage
        v={viewCtx(c)}
        settings={settings}
        facetTopics={topics}
        deliveries={deliveries}
        state={state}
      />,
      status,
    );
  };
  const audit = (c: Context, action: string, details: Record<string, unknown> = {}) => {
    const user = c.get('user')!;
    return deps.audit.append({ actor: user.email, action, targetType: 'user', targetId: user.id, details });
  };

  app.get('/account/follows', (c) => render(c, { saved: c.req.query('done') === '1' }));

  app.post('/account/follows', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const parsed = followsFormSchema.safeParse(body);
    if (!parsed.success) {
      const errors: NonNullable<FollowsPageState['errors']> = {};
      for (const i of parsed.error.issues) {
        if (i.path[0] === 'province') errors.province ??= i.message;
        else errors.topics ??= i.message;
      }
      const other = typeof body.topicsOther === 'string' ? body.topicsOther.slice(0, 4000) : '';
      return render(c, { errors, topicsOther: other }, 400);
    }
    const user = c.get('user')!;
    await deps.follows.setFollows(user.id, parsed.data.topics, parsed.data.provinces);
    await audit(c, 'follows.update', parsed.data);
    return c.redirect('/account/follows?done=1', 303);
  });

  app.post('/account/follows/webhook', async (c) => {
    const body = await c.req.parseBody();
    const raw = typeof body.url === 'string' ? body.url : '';
    let url: URL;
    try {
      url = parseWebhookUrl(raw, allowPrivate);
      await checkWebhookHost(url, allowPrivate);
    } catch (err) {
      if (!(err instanceof WebhookTargetError)) throw err;
      return render(c, { errors: { url: err.message }, url: raw.slice(0, 2000) }, 400);
    }
    const user = c.get('user')!;
    const current = await deps.follows.get(user.id);
    // The first URL gets a secret; changing the URL keeps the one the receiver already has.
    const secret = current.hasWebhookSecret ? undefined : newWebhookSecret();
    await deps.follows.setWebhook(user.id, url.href, secret);
    await audit(c, 'follows.webhook.set', { origin: url.origin, newSecret: !!secret });
    if (secret) return render(c, { secret, saved: true });
    return c.redirect('/account/follows?done=1', 303);
  });

  app.post('/account/follows/webhook/secret', async (c) => {
    const user = c.get('user')!;
    if (!(await deps.follows.get(user.id)).webhookUrl) return c.redirect('/account/follows', 303);
    const secret = newWebhookSecret();
    await deps.follows.setWebhookSecret(user.id, secret);
    await audit(c, 'follows.webhook.rotate_secret');
    return render(c, { secret, saved: true });
  });

  app.post('/account/follows/webhook/delete', async (c) => {
    await deps.follows.clearWebhook(c.get('user')!.id);
    await audit(c, 'follows.webhook.remove');
    return c.redirect('/account/follows?done=1', 303);
  });

  app.post('/account/follows/feed', async (c) => {
    const token = newFeedToken();
    await deps.follows.setFeedTokenHash(c.get('user')!.id, hashFeedToken(token));
    await audit(c, 'follows.feed.rotate');
    const base = deps.config.PUBLIC_BASE_URL;
    return render(c, {
      saved: true,
      feed: { atom: feedUrl(base, token, 'atom'), rss: feedUrl(base, token, 'rss') },
    });
  });

  app.post('/account/follows/feed/delete', async (c) => {
    await deps.follows.setFeedTokenHash(c.get('user')!.id, null);
    await audit(c, 'follows.feed.revoke');
    return c.redirect('/account/follows?done=1', 303);
  });
  return app;
}
