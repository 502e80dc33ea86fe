import { createHash } from 'node:crypto';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import type { Config } from '../../config.js';
import { checkAttachment } from '../../connectors/intake/attachment-check.js';
import type { AttachmentFiles, StoredFile } from '../../connectors/intake/attachment-files.js';
import {
  hashTrackingCode,
  newTrackingCode,
  normaliseTrackingCode,
} from '../../connectors/intake/tracking-code.js';
import { AppError } from '../../domain/errors.js';
import type { Logger } from '../../obs/logger.js';
import type { IngestService } from '../../pipeline/ingest.js';
import type { createAuditLog } from '../../store/index.js';
import type { IntakeStore, TrackedApplication } from '../../store/intake-store.js';
import { memoryRateLimits, type RateLimits } from '../../web/auth/rate-limit.js';
import { clientAddressOf } from '../../web/middleware/client-address.js';
import { viewCtx } from '../../web/ui/layout.js';
import { formatSize } from '../../web/ui/when.js';
import { type FieldErrors, formValues, parseIntakeForm, toApplicationRecord } from './form-schema.js';
import { FORM_TOKEN_FIELD, type FormTokens } from './form-token.js';
import { IntakeDonePage, IntakeFormPage, IntakeProblemPage } from './intake-view.js';
import { type CitizenStatus, StatusPage } from './status-view.js';

/** Turns a tracked application into what the citizen sees (the case workflow may add a label and deadline). */
export type CitizenStatusLookup = (app: TrackedApplication) => Promise<CitizenStatus>;

/** The fallback status: the item's own status, no deadline. */
export const itemStatusForCitizen: CitizenStatusLookup = async (a) => ({
  appType: a.appType,
  receivedAt: a.receivedAt,
  state: a.status,
});

// Guessing 60-bit codes is hopeless anyway; this keeps the lookup from being a free oracle.
const LOOKUPS_PER_HOUR = 60;
const HOUR = 3600_000;
const FIELD_BYTES = 512 * 1024;

const clientIp = (c: Context) => clientAddressOf(c);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * The public application form (`/basvuru`, `/apply`) and the tracking-code
 * lookup (`/basvuru/durum`, `/apply/status`): no login, a signed form token
 * against forgery, a per-address rate limit, attachments checked by content.
 * Nothing of a refused submission is stored.
 */
export function createIntakeRoutes(deps: {
  config: Pick<Config, 'INTAKE_MAX_FILES' | 'INTAKE_MAX_FILE_BYTES' | 'INTAKE_RATE_PER_HOUR'>;
  ingest: Pick<IngestService, 'ingest'>;
  store: Pick<
    IntakeStore,
    'createSubmission' | 'linkItem' | 'deleteSubmission' | 'findByTrackingHash' | 'hasSubmission'
  >;
  files: Pick<AttachmentFiles, 'save' | 'remove'>;
  tokens: FormTokens;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
  citizenStatus?: CitizenStatusLookup;
  logger?: Pick<Logger, 'error'>;
  /** Shared across web processes in service mode; per process when absent. */
  rateLimits?: RateLimits;
}) {
  const cfg = deps.config;
  const limits = deps.rateLimits ?? memoryRateLimits();
  const submits = limits.limiter('intake-submit', { max: cfg.INTAKE_RATE_PER_HOUR, windowMs: HOUR });
  const lookups = limits.limiter('intake-lookup', { max: LOOKUPS_PER_HOUR, windowMs: HOUR });
  const citizenStatus = deps.citizenStatus ?? itemStatusForCitizen;
  const maxBody = cfg.INTAKE_MAX_FILES * cfg.INTAKE_MAX_FILE_BYTES + FIELD_BYTES;
  const app = new Hono();

  // /apply without a chosen language is the English entry point.
  app.use('/apply/*', englishByDefault);
  app.use('/apply', englishByDefault);

  const problem = (c: Context, status: 403 | 413 | 429, title: string, message: string) =>
    c.html(<IntakeProblemPage v={viewCtx(c)} title={title} message={message} />, status);
  const tooMany = (c: Context) => {
    c.header('retry-after', String(HOUR / 1000));
    const v = viewCtx(c);
    return problem(c, 429, v.t('intake.err.rate', { min: 60 }), v.t('intake.err.rate', { min: 60 }));
  };
  const badToken = (c: Context) => {
    const v = viewCtx(c);
    return problem(c, 403, v.t('err.forbidden'), v.t('intake.err.csrf'));
  };
  const readForm = async (c: Context) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'multipart/form-data' && type !== 'application/x-www-form-urlencoded')
      throw new AppError('unsupported_media_type', 'send the form as multipart/form-data', { status: 415 });
    try {
      return await c.req.formData();
    } catch (err) {
      throw new AppError('bad_request', 'the form could not be read', { status: 400, cause: err });
    }
  };
  const tokenOk = async (c: Context, form: FormData) =>
    (await deps.tokens.valid(str(form.get(FORM_TOKEN_FIELD)), deps.tokens.cookie(c))) === 'ok';

  const formPage = async (c: Context) =>
    c.html(
      <IntakeFormPage
        v={viewCtx(c)}
        token={await deps.tokens.issue(c)}
        values={{}}
        errors={{}}
        maxFiles={cfg.INTAKE_MAX_FILES}
        maxFileBytes={cfg.INTAKE_MAX_FILE_BYTES}
      />,
    );

  const limit = readOnce(
    bodyLimit({
      maxSize: maxBody,
      onError: (c) => {
        const v = viewCtx(c);
        return problem(
          c,
          413,
          v.t('err.invalid'),
          v.t('intake.err.tooLarge', { size: formatSize(maxBody, v.lang) }),
        );
      },
    }),
  );

  const lookupLimit = readOnce(
    bodyLimit({
      maxSize: FIELD_BYTES,
      onError: (c) => {
        const v = viewCtx(c);
        return problem(c, 413, v.t('err.invalid'), v.t('intake.status.invalid'));
      },
    }),
  );

  const submit = async (c: Context) => {
    if (!(await submits.hit(clientIp(c)))) return tooMany(c);
    const form = await readForm(c);
    if (!(await tokenOk(c, form))) return badToken(c);
    const v = viewCtx(c);
    const values = formValues(Object.fromEntries(form.entries()));
    const uploads = form
      .getAll('attachments')
      .flatMap((f) => (typeof f !== 'string' && (f.name !== '' || f.size > 0) ? [f] : []));
    const parsed = parseIntakeForm(values);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const files: { bytes: Uint8Array; contentType: string; originalName: string }[] = [];
    let typeRefused = false;
    if (uploads.length > cfg.INTAKE_MAX_FILES) {
      errors.attachments = { key: 'intake.err.tooMany', vars: { n: cfg.INTAKE_MAX_FILES } };
    } else {
      for (const f of uploads) {
        const bytes = new Uint8Array(await f.arrayBuffer());
        const check = await checkAttachment({ name: f.name, type: f.type, bytes }, cfg.INTAKE_MAX_FILE_BYTES);
        if (check.ok) files.push({ bytes, contentType: check.contentType, originalName: check.originalName });
        else {
          typeRefused ||= check.problem === 'type_not_allowed' || check.problem === 'type_mismatch';
          errors.attachments ??= {
            key: `intake.err.file.${check.problem}`,
            vars: { name: check.originalName, size: formatSize(cfg.INTAKE_MAX_FILE_BYTES, v.lang) },
          };
        }
      }
    }
    if (!parsed.ok || Object.keys(errors).length > 0)
      return c.html(
        <IntakeFormPage
          v={v}
          token={await deps.tokens.issue(c)}
          values={values}
          errors={errors}
          maxFiles={cfg.INTAKE_MAX_FILES}
          maxFileBytes={cfg.INTAKE_MAX_FILE_BYTES}
          filesDropped={uploads.length > 0}
        />,
        typeRefused ? 415 : 422,
      );

    // The same form sent twice (reload, double click) maps to one external id: stored once.
    const nonce = str(form.get(FORM_TOKEN_FIELD))!.split('.')[1];
    const externalId = `web-form:${createHash('sha256')
      .update(`${nonce}\n${JSON.stringify(values)}\n${files.length}`)
      .digest('hex')
      .slice(0, 32)}`;
    if (await deps.store.hasSubmission(externalId)) return alreadyReceived(c);
    const code = newTrackingCode();
    const stored: StoredFile[] = [];
    const removeFiles = () => deps.files.remove(stored.map((s) => s.storedName)).catch(() => undefined);
    let submissionId: string;
    try {
      for (const f of files) stored.push(await deps.files.save(f.bytes));
      submissionId = (
        await deps.store.createSubmission({
          externalId,
          trackingHash: hashTrackingCode(normaliseTrackingCode(code)!),
          attachments: stored.map((s, i) => ({
            ...s,
            contentType: files[i]!.contentType,
            originalName: files[i]!.originalName,
          })),
        })
      ).id;
    } catch (err) {
      await removeFiles();
      if ((err as { code?: string }).code === '23505') return alreadyReceived(c);
      throw err;
    }
    const record = toApplicationRecord(parsed.form, externalId, new Date());
    try {
      const r = await deps.ingest.ingest('application', [record], [], { source: 'web-form' });
      if (r.accepted + r.duplicates !== 1)
        throw new Error(`application rejected by ingest: ${JSON.stringify(r.rejected)}`);
    } catch (err) {
      await deps.store.deleteSubmission(submissionId).catch(() => undefined);
      await removeFiles();
      throw err;
    }
    // The application is stored from here on; a failure below must not hide the code from the citizen.
    const itemId = await deps.store.linkItem(submissionId).catch((err) => {
      deps.logger?.error({ err }, 'intake: linking the submission to its item failed');
      return null;
    });
    await deps.audit
      .append({
        actor: 'web-form',
        action: 'application.submit',
        targetType: 'item',
        targetId: itemId ?? undefined,
        details: { type: parsed.form.type, attachments: files.length },
      })
      .catch((err) => deps.logger?.error({ err }, 'intake: audit entry failed'));
    c.header('cache-control', 'no-store, private');
    c.header('pragma', 'no-cache');
    return c.html(<IntakeDonePage v={v} code={code} files={files.length} />);
  };

  const alreadyReceived = (c: Context) => {
    const v = viewCtx(c);
    return c.html(
      <IntakeProblemPage v={v} title={v.t('intake.done.title')} message={v.t('intake.err.again')} />,
    );
  };

  const statusPage = async (c: Context) =>
    c.html(<StatusPage v={viewCtx(c)} token={await deps.tokens.issue(c)} />);

  const lookup = async (c: Context) => {
    if (!(await lookups.hit(clientIp(c)))) return tooMany(c);
    const form = await readForm(c);
    if (!(await tokenOk(c, form))) return badToken(c);
    const v = viewCtx(c);
    const token = await deps.tokens.issue(c);
    const code = (str(form.get('code')) ?? '').slice(0, 100);
    const canonical = normaliseTrackingCode(code);
    if (!canonical) return c.html(<StatusPage v={v} token={token} code={code} invalid />, 422);
    const found = await deps.store.findByTrackingHash(hashTrackingCode(canonical));
    if (!found) return c.html(<StatusPage v={v} token={token} code={code} notFound />, 404);
    c.header('cache-control', 'no-store, private');
    return c.html(<StatusPage v={v} token={token} code={code} result={await citizenStatus(found)} />);
  };

  for (const p of ['/basvuru', '/apply']) {
    app.get(p, formPage);
    app.post(p, limit, submit);
  }
  for (const p of ['/basvuru/durum', '/apply/status']) {
    app.get(p, statusPage);
    app.post(p, lookupLimit, lookup);
  }
  return app;
}

/**
 * A body limit that steps aside when the body was already read: the shell's
 * session-token check reads a signed-in user's form before these routes run.
 */
function readOnce(limit: MiddlewareHandler): MiddlewareHandler {
  return (c, next) => (Object.keys(c.req.bodyCache).length > 0 ? next() : limit(c, next));
}

async function englishByDefault(c: Context, next: () => Promise<void>) {
  if (!c.req.query('lang') && !getCookie(c, 'kopru_lang')) c.set('lang', 'en');
  await next();
}
