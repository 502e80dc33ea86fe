import { fileTypeFromBuffer } from 'file-type';

/** The file types the intake form accepts, with the extensions and declared types that may name them. */
export const allowedAttachmentTypes = {
  'application/pdf': { exts: ['pdf'], declared: ['application/pdf', 'application/x-pdf'] },
  'image/jpeg': { exts: ['jpg', 'jpeg'], declared: ['image/jpeg', 'image/jpg', 'image/pjpeg'] },
  'image/png': { exts: ['png'], declared: ['image/png'] },
} as const;
export type AttachmentType = keyof typeof allowedAttachmentTypes;

/** Why a file was refused. */
export type AttachmentProblem = 'empty' | 'too_large' | 'type_not_allowed' | 'type_mismatch';

/** The outcome of checking one uploaded file. */
export type AttachmentCheck =
  | { ok: true; contentType: AttachmentType; originalName: string }
  | { ok: false; problem: AttachmentProblem; originalName: string };

// Browsers and some clients send no type or a generic one; the bytes decide then.
const GENERIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * A file name safe to show and to put in a Content-Disposition header: the last
 * path segment, control and reserved characters replaced, at most 150 characters.
 */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  const short = clean.length > 150 ? `${clean.slice(0, 140)}…${clean.slice(-9)}` : clean;
  return short || 'dosya';
}

/**
 * Checks an uploaded file by its bytes: the sniffed type must be PDF, JPEG or
 * PNG, and both the extension and the declared content type must agree with it,
 * so an HTML page or a program renamed `.pdf` is refused.
 */
export async function checkAttachment(
  file: { name: string; type: string; bytes: Uint8Array },
  maxBytes: number,
): Promise<AttachmentCheck> {
  const originalName = sanitiseFileName(file.name);
  if (file.bytes.byteLength === 0) return { ok: false, problem: 'empty', originalName };
  if (file.bytes.byteLength > maxBytes) return { ok: false, problem: 'too_large', originalName };
  const sniffed = await fileTypeFromBuffer(file.bytes);
  const mime = sniffed?.mime as string | undefined;
  if (!mime || !(mime in allowedAttachmentTypes))
    return { ok: false, problem: 'type_not_allowed', originalName };
  const allowed = allowedAttachmentTypes[mime as AttachmentType];
  const ext = /\.([A-Za-z0-9]+)$/.exec(originalName)?.[1]?.toLowerCase() ?? '';
  const declared = file.type.split(';')[0]!.trim().toLowerCase();
  const extOk = (allowed.exts as readonly string[]).includes(ext);
  const declaredOk = GENERIC.has(declared) || (allowed.declared as readonly string[]).includes(declared);
  if (!extOk || !declaredOk) return { ok: false, problem: 'type_mismatch', originalName };
  return { ok: true, contentType: mime as AttachmentType, originalName };
}
