import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { AttachmentFiles } from '../../connectors/intake/attachment-files.js';
import { AppError, NotFoundError } from '../../domain/errors.js';
import type { Logger } from '../../obs/logger.js';
import type { createAuditLog } from '../../store/index.js';
import type { IntakeStore } from '../../store/intake-store.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { Layout, viewCtx } from '../../web/ui/layout.js';
import { TableRegion } from '../../web/ui/table-region.js';
import { formatSize } from '../../web/ui/when.js';

/** `attachment; filename="…"; filename*=UTF-8''…` with an ASCII fallback and no quotes or controls. */
export function contentDisposition(name: string): string {
  const ascii =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^\w.\- ]/g, '_')
      .slice(0, 150) || 'dosya';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Staff access to application attachments. They may hold personal data, so
 * both the list and the download need `item.unmask`, and each download is
 * audited. Files are always sent as downloads with their sniffed type.
 */
export function createAttachmentRoutes(deps: {
  store: Pick<IntakeStore, 'getAttachment' | 'listAttachments'>;
  files: Pick<AttachmentFiles, 'read'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
  logger?: Pick<Logger, 'error'>;
}) {
  const app = new Hono();
  app.use('/intake/*', requirePermission('item.unmask'));

  app.get('/intake/items/:id/attachments', async (c) => {
    const v = viewCtx(c);
    const list = await deps.store.listAttachments(c.req.param('id'));
    return c.html(
      <Layout v={v} title={v.t('intake.att.title')}>
        {list.length === 0 ? (
          <p>{v.t('intake.att.none')}</p>
        ) : (
          <TableRegion label={v.t('intake.att.title')}>
            <table class="restack">
              <caption>{v.t('intake.att.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{v.t('intake.att.name')}</th>
                  <th scope="col">{v.t('intake.att.type')}</th>
                  <th scope="col">{v.t('intake.att.size')}</th>
                  <th scope="col">{v.t('intake.att.sha')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <tr>
                    <td data-label={v.t('intake.att.name')}>
                      <a href={`/intake/attachments/${a.id}`} download>
                        {a.originalName}
                      </a>
                    </td>
                    <td data-label={v.t('intake.att.type')}>{a.contentType}</td>
                    <td data-label={v.t('intake.att.size')}>{formatSize(a.sizeBytes, v.lang)}</td>
                    <td data-label={v.t('intake.att.sha')}>
                      <code>{a.sha256}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </Layout>,
    );
  });

  app.get('/intake/attachments/:id', async (c) => {
    const user = c.get('user')!;
    const a = await deps.store.getAttachment(c.req.param('id'));
    if (!a) throw new NotFoundError('no such attachment');
    const bytes = await deps.files.read(a.storedName).catch((err) => {
      deps.logger?.error({ err, attachment: a.id }, 'attachment file missing');
      throw new NotFoundError(
        'the attachment file is missing (is DATA_DIR/attachments shared by every web process?)',
      );
    });
    if (createHash('sha256').update(bytes).digest('hex') !== a.sha256)
      throw new AppError('attachment_corrupt', 'the attachment file does not match its recorded hash', {
        status: 500,
      });
    await deps.audit.append({
      actor: user.email,
      action: 'attachment.download',
      targetType: 'item',
      targetId: a.itemId ?? undefined,
      details: { attachmentId: a.id, sha256: a.sha256 },
    });
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': a.contentType,
      'content-length': String(bytes.byteLength),
      'content-disposition': contentDisposition(a.originalName),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store, private',
      'content-security-policy': "default-src 'none'; sandbox",
    });
  });
  return app;
}
