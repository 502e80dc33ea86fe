import { join, resolve } from 'node:path';
import { Hono } from 'hono';
import { createAttachmentFiles } from '../../connectors/intake/attachment-files.js';
import { eraseAttachments } from '../../connectors/intake/erase-attachments.js';
import type { Feature, FeatureContext } from '../seam.js';
import { createAttachmentRoutes } from './attachment-routes.js';
import { createFormTokens } from './form-token.js';
import { en, tr } from './i18n.js';
import { type CitizenStatusLookup, createIntakeRoutes, itemStatusForCitizen } from './intake-routes.js';

/**
 * What the case workflow tells a citizen about an item (the applications
 * feature's `publicStatus(itemId)`): case state, legal due date, when it was
 * answered, where it was forwarded. Null when the item has no case.
 */
export type PublicStatus = (itemId: string) => Promise<{
  state: string;
  dueDate?: string | null;
  answeredOn?: string | null;
  forwardedTo?: string | null;
} | null>;

/**
 * The intake feature: the public application form with attachments and
 * tracking codes, and staff access to attachments.
 */
export function createIntakeFeature(
  ctx: FeatureContext<'intake' | 'audit'>,
  opts: { publicStatus: PublicStatus },
): Feature {
  const store = ctx.stores.intake;
  const files = createAttachmentFiles(join(resolve(ctx.config.DATA_DIR), 'attachments'));
  const tokens = createFormTokens({ key: memo(() => store.secret('intake-form-token')) });
  const { publicStatus } = opts;
  const citizenStatus: CitizenStatusLookup = async (app) => {
    const base = await itemStatusForCitizen(app);
    const c = await publicStatus(app.itemId).catch((err) => {
      ctx.logger.error({ err }, 'intake: case status lookup failed; showing the item status');
      return null;
    });
    if (!c) return base;
    return {
      ...base,
      // An open case is described by the item's own progress; later states by the case.
      state: c.state === 'open' ? base.state : `case_${c.state}`,
      deadline: c.dueDate ?? null,
      answeredOn: c.answeredOn ?? null,
      forwardedTo: c.forwardedTo ?? null,
    };
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
      rateLimits: ctx.rateLimits,
    }),
  );
  ui.route('/', createAttachmentRoutes({ store, files, audit: ctx.stores.audit, logger: ctx.logger }));

  return {
    name: 'intake',
    ui,
    texts: { tr, en },
    // Attachments hold personal data: erased with the applicant (rows, then files).
    erasure: { afterCommit: (itemIds) => eraseAttachments({ store, files }, itemIds).then(() => undefined) },
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
