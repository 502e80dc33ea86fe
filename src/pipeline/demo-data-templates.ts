import { z } from 'zod';
import applicationsJson from '../../config/demo/applications.json' with { type: 'json' };
import claimsJson from '../../config/demo/claims.json' with { type: 'json' };
import commonJson from '../../config/demo/common.json' with { type: 'json' };
import postsJson from '../../config/demo/posts.json' with { type: 'json' };
import { applicationTypes } from '../domain/item.js';
import { asciiFold, makeIban, makePhone, makeTckn, type Rng } from './demo-data-pii.js';

const words = z.array(z.string().min(1)).min(1);
const provinceSchema = z.object({ name: z.string(), loc: z.string(), districts: words });
export type DemoProvince = z.infer<typeof provinceSchema>;

const commonSchema = z.object({
  provinces: z.array(provinceSchema).min(12),
  sources: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['news', 'social']),
      host: z.string(),
      weight: z.number().positive(),
    }),
  ),
  firstNames: words,
  lastNames: words,
  neighbourhoods: words,
  streets: words,
  emailDomains: words,
  handleWords: words,
  newsAuthors: words,
  shorteners: words,
  lookalikeHosts: words,
  prefixes: words,
  suffixes: words,
  weekdays: words,
});

const waveSchema = z.object({
  id: z.string(),
  claimId: z.string(),
  province: z.string().nullable(),
  variants: words,
  en: words.optional(),
});
export type DemoWave = z.infer<typeof waveSchema>;

const postsSchema = z.object({
  news: words,
  complaints: words,
  misinfo: words,
  english: words,
  waves: z.array(waveSchema),
});
const appTemplate = z.object({ subject: z.string().min(1), text: z.string().min(1) });
const applicationsSchema = z.record(z.enum(applicationTypes), z.array(appTemplate).min(1));
const claimsSchema = z.array(
  z.object({ id: z.string(), text: z.string(), verdict: z.enum(['false', 'misleading', 'true']) }),
);

/** The demo templates from config/demo/*.json, validated once at load. */
export const demoTemplates = {
  common: commonSchema.parse(commonJson),
  posts: postsSchema.parse(postsJson),
  applications: applicationsSchema.parse(applicationsJson),
  claims: claimsSchema.parse(claimsJson),
};

/** A fake person; every field is generated, none is real. */
export interface DemoPerson {
  name: string;
  tckn: string;
  phone: string;
  email: string;
  address: string;
}

/** Everything a template placeholder may refer to for one record. */
export interface FillContext {
  province: DemoProvince;
  district: string;
  person: DemoPerson;
}

const c = demoTemplates.common;

/** Makes a fake person living in the given province. */
export function makePerson(rng: Rng, province: DemoProvince, district: string): DemoPerson {
  const first = rng.pick(c.firstNames);
  const last = rng.pick(c.lastNames);
  const local = asciiFold(`${first}${rng.pick(['.', '_', ''])}${last}`).toLowerCase();
  const suffix = rng.chance(0.4) ? String(rng.int(1, 99)) : '';
  const address = `${rng.pick(c.neighbourhoods)} Mah. ${rng.pick(c.streets)} Sok. No:${rng.int(1, 120)} D:${rng.int(1, 24)} ${district}/${province.name}`;
  return {
    name: `${first} ${last}`,
    tckn: makeTckn(rng),
    phone: makePhone(rng),
    email: `${local}${suffix}@${rng.pick(c.emailDomains)}`,
    address,
  };
}

function makeLink(rng: Rng): string {
  const code = Array.from({ length: 7 }, () =>
    rng.pick([...'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789']),
  ).join('');
  return rng.chance(0.7)
    ? `${rng.pick(c.shorteners)}${code}`
    : `${rng.pick(c.lookalikeHosts)}basvuru?k=${code}`;
}

const fillers: Record<string, (ctx: FillContext, rng: Rng) => string> = {
  il: (x) => x.province.name,
  ilde: (x) => x.province.loc,
  ilce: (x) => x.district,
  n: (_, r) => String(r.int(2, 9)),
  nn: (_, r) => String(r.int(10, 99)),
  nnn: (_, r) => String(r.int(100, 999)),
  saat: (_, r) => `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`,
  gun: (_, r) => r.pick(c.weekdays),
  mag: (_, r) => `${r.int(6, 7)}${r.pick(['.', ','])}${r.int(1, 9)}`,
  tutar: (_, r) => r.pick(['1.500', '2.500', '3.000', '5.000', '7.500', '10.000']),
  link: (_, r) => makeLink(r),
  iban: (_, r) => makeIban(r),
  tel: (x) => x.person.phone,
  eposta: (x) => x.person.email,
  tckn: (x) => x.person.tckn,
  ad: (x) => x.person.name,
  adres: (x) => x.person.address,
  mahalle: (_, r) => r.pick(c.neighbourhoods),
  sokak: (_, r) => r.pick(c.streets),
};

/** Replaces `{placeholder}`s in a template; unknown placeholders are left as they are. */
export function fillTemplate(template: string, ctx: FillContext, rng: Rng): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => fillers[key]?.(ctx, rng) ?? whole);
}

function typo(text: string, rng: Rng): string {
  const at = rng.int(1, Math.max(1, text.length - 3));
  const [a, b] = [text[at], text[at + 1]];
  if (!a || !b || !/\p{L}/u.test(a) || !/\p{L}/u.test(b)) return text;
  return text.slice(0, at) + b + a + text.slice(at + 2);
}

/**
 * Lightly edits a text the way a rumour mutates while it is forwarded: a
 * prefix or hashtag added, Turkish letters folded, a sentence dropped, a typo.
 */
export function lightEdit(text: string, rng: Rng, lang: 'tr' | 'en' = 'tr'): string {
  let out = text;
  if (lang === 'tr' && rng.chance(0.15)) {
    const sentences = out.split(/(?<=[.!?])\s+/);
    if (sentences.length > 2) out = sentences.slice(0, -1).join(' ');
  }
  if (rng.chance(0.15)) out = out.replace(/!+/g, '!!!');
  if (rng.chance(0.2)) out = typo(out, rng);
  if (lang === 'tr' && rng.chance(0.3)) out = rng.pick(c.prefixes) + out;
  if (lang === 'tr' && rng.chance(0.35)) out += rng.pick(c.suffixes);
  if (lang === 'tr' && rng.chance(0.25)) out = asciiFold(out);
  if (rng.chance(0.1)) out = out.toLocaleLowerCase(lang);
  return out;
}
