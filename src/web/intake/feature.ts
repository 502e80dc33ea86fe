import { join, resolve } from 'node:path';
import { Hono } from 'hono';
import { createAttachmentFiles } from '../../connectors/intake/attachment-files.js';
import type { Feature, FeatureContext } from '../../features.js';
import { createIntakeStore } from '../../store/intake-store.js';
import { createAttachmentRoutes } from './attachment-routes.js';
import { createFormTokens } from './form-token.js';
import { type CitizenStatusLookup, createIntakeRoutes, itemStatusForCitizen } from './intake-routes.js';
import { registerSourcesOpenApi } from './sources-openapi.js';
import { createSourcesPage } from './sources-page.js';

/**
 * What the case workflow can tell a citizen about an item: a plain-language
 * status and the legal deadline. The lead wires the applications feature's
 * `publicStatus(itemId)` here; without it the item's own status is shown.
 */
export type PublicStatus = (
  itemId: string,
) => Promise<{ state?: string; label?: string; deadline?: string | null } | null>;

/**
 * The intake feature: the public application form with attachments and
 * tracking codes, staff access to attachments, and the sources admin page.
 */
export function createIntakeFeature(
  ctx: FeatureContext,
  opts: { publicStatus?: PublicStatus } = {},
): Feature {
  const store = createIntakeStore(ctx.db);
  const files = createAttachmentFiles(join(resolve(ctx.config.DATA_DIR), 'attachments'));
  const tokens = createFormTokens({ key: memo(() => store.secret('intake-form-token')) });
  const citizenStatus: CitizenStatusLookup = async (app) => {
    const base = await itemStatusForCitizen(app);
    const extra = opts.publicStatus ? await opts.publicStatus(app.itemId) : null;
    return extra ? { ...base, ...extra, state: extra.state ?? base.state } : base;
  };

  const ui = new Hono();
  ui.route(
    '/',
    createIntakeRoutes({
      config: ctx.config,
      ingest: ctx.ingest,
      store,
      files,
      tokens,
      audit: ctx.stores.audit,
      citizenStatus,
      logger: ctx.logger,
    }),
  );
  ui.route('/', createAttachmentRoutes({ store, files, audit: ctx.stores.audit, logger: ctx.logger }));
  ui.route(
    '/',
    createSourcesPage({ sources: ctx.stores.feedSources, queue: ctx.queue, audit: ctx.stores.audit }),
  );

  return {
    ui,
    nav: [{ href: '/admin/sources', tr: 'Kaynaklar', en: 'Sources', permission: 'sources.manage' }],
    openapi: registerSourcesOpenApi,
  };
}

/** Caches a successful promise; a failure is retried on the next call. */
function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= fn().catch((err) => {
      p = undefined;
      throw err;
    });
    return p;
  };
}
