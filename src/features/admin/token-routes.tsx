import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type { createAuditLog } from '../../store/index.js';
import type { createTokenStore, TokenInfo } from '../../store/token-store.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { Csrf, Layout, Notice, type ViewCtx, viewCtx } from '../../web/ui/layout.js';
import { TableRegion } from '../../web/ui/table-region.js';

/** Scopes an admin may grant, in the order the form shows them. */
export const tokenScopes = ['ingest', 'read', 'admin'] as const;

/** The longest validity an admin may give a token, in days (ten years). */
export const MAX_TOKEN_DAYS = 3650;

const createSchema = z.object({
  name: z.string().trim().min(2).max(100),
  scopes: z.array(z.enum(tokenScopes)).min(1),
  // Optional: empty = never expires.
  expiresDays: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z.coerce.number().int().min(1).max(MAX_TOKEN_DAYS).optional(),
  ),
});

function TokensPage({
  v,
  list,
  created,
  error,
}: {
  v: ViewCtx;
  list: TokenInfo[];
  created?: { name: string; token: string };
  error?: string;
}) {
  return (
    <Layout v={v} title={v.t('tokens.title')}>
      {created ? (
        <div class="notice ok" role="status">
          <p>{v.t('tokens.created', { name: created.name })}</p>
          <p>
            <code class="secret">{created.token}</code>
          </p>
        </div>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <p>{v.t('tokens.intro')}</p>
      <TableRegion label={v.t('tokens.list')}>
        <table class="restack">
          <caption>{v.t('tokens.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{v.t('tokens.name')}</th>
              <th scope="col">{v.t('tokens.scopes')}</th>
              <th scope="col">{v.t('tokens.createdAt')}</th>
              <th scope="col">{v.t('tokens.lastUsed')}</th>
              <th scope="col">{v.t('tokens.state')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((t) => (
              <tr>
                <td data-label={v.t('tokens.name')}>{t.name}</td>
                <td data-label={v.t('tokens.scopes')}>
                  {t.scopes.map((s) => v.t(`tokens.scope.${s}` as 'tokens.scope.read')).join(', ')}
                </td>
                <td data-label={v.t('tokens.createdAt')}>{v.when(t.createdAt)}</td>
                <td data-label={v.t('tokens.lastUsed')}>
                  {t.lastUsedAt ? v.when(t.lastUsedAt) : v.t('tokens.never')}
                </td>
                <td data-label={v.t('tokens.state')}>
                  {t.revokedAt ? (
                    v.t('tokens.revokedAt', { at: v.when(t.revokedAt) })
                  ) : t.expiresAt && new Date(t.expiresAt).getTime() <= Date.now() ? (
                    v.t('tokens.expiredAt', { at: v.when(t.expiresAt) })
                  ) : (
                    <form method="post" action={`/admin/tokens/${t.id}/revoke`} class="inline">
                      <Csrf v={v} />
                      {t.expiresAt ? (
                        <span>{v.t('tokens.expiresAt', { at: v.when(t.expiresAt) })} </span>
                      ) : null}
                      <button type="submit" aria-label={v.t('tokens.revokeLabel', { name: t.name })}>
                        {v.t('tokens.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <section aria-labelledby="new-token-h" class="card">
        <h2 id="new-token-h">{v.t('tokens.new')}</h2>
        <form method="post" action="/admin/tokens" class="stack narrow">
          <Csrf v={v} />
          <label for="token-name">{v.t('tokens.name')}</label>
          <input id="token-name" name="name" required minlength={2} maxlength={100} />
          <fieldset>
            <legend>{v.t('tokens.scopes')}</legend>
            {tokenScopes.map((s) => (
              <label class="check">
                <input type="checkbox" name="scopes" value={s} />{' '}
                {v.t(`tokens.scope.${s}` as 'tokens.scope.read')}
              </label>
            ))}
          </fieldset>
          <label for="token-days">{v.t('tokens.expiresDays')}</label>
          <input
            id="token-days"
            name="expiresDays"
            type="number"
            min={1}
            max={MAX_TOKEN_DAYS}
            inputmode="numeric"
            aria-describedby="token-days-h"
          />
          <p id="token-days-h" class="hint">
            {v.t('tokens.expiresHint')}
          </p>
          <button type="submit">{v.t('tokens.create')}</button>
        </form>
      </section>
    </Layout>
  );
}

/**
 * API tokens for admins (`/admin/tokens`): create (the token is shown once, only
 * its hash is stored), list with last use, revoke; each change audited. Nobody has
 * to stop the server and run the CLI for a token.
 */
export function createTokenRoutes(deps: {
  tokens: Pick<ReturnType<typeof createTokenStore>, 'create' | 'list' | 'revoke'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
}) {
  const app = new Hono();
  app.use('/admin/tokens', requirePermission('users.manage'));
  app.use('/admin/tokens/*', requirePermission('users.manage'));

  app.get('/admin/tokens', async (c) =>
    c.html(<TokensPage v={viewCtx(c)} list={await deps.tokens.list()} />),
  );

  app.post('/admin/tokens', async (c) => {
    const v = viewCtx(c);
    const body = await c.req.parseBody({ all: true });
    const scopes = ([] as unknown[]).concat(body.scopes ?? []);
    const p = createSchema.safeParse({ name: body.name, scopes, expiresDays: body.expiresDays });
    if (!p.success)
      return c.html(<TokensPage v={v} list={await deps.tokens.list()} error={v.t('tokens.invalid')} />, 422);
    const actor = c.get('user')!;
    const expiresAt = p.data.expiresDays ? new Date(Date.now() + p.data.expiresDays * 86_400_000) : null;
    const t = await deps.tokens.create({
      name: p.data.name,
      scopes: p.data.scopes,
      createdBy: actor.email,
      expiresAt,
    });
    await deps.audit.append({
      actor: actor.email,
      action: 'token.create',
      targetType: 'token',
      targetId: t.id,
      details: { name: p.data.name, scopes: p.data.scopes, expiresAt: expiresAt?.toISOString() ?? null },
    });
    // Shown once, on this response only (the page is not cached: no-store).
    return c.html(
      <TokensPage v={v} list={await deps.tokens.list()} created={{ name: p.data.name, token: t.token }} />,
      201,
    );
  });

  app.post('/admin/tokens/:id/revoke', async (c) => {
    const id = c.req.param('id');
    const known = (await deps.tokens.list()).find((t) => t.id === id);
    if (!known) throw new NotFoundError('no such token');
    if (known.revokedAt) throw new ValidationError('the token is already revoked');
    await deps.tokens.revoke(id);
    const actor = c.get('user')!;
    await deps.audit.append({
      actor: actor.email,
      action: 'token.revoke',
      targetType: 'token',
      targetId: id,
      details: { name: known.name },
    });
    return c.redirect('/admin/tokens', 303);
  });
  return app;
}
