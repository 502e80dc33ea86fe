import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../domain/errors.js';

const httpUrl = z.url({ protocol: /^https?$/ });

/** `config/portal.json`: who publishes the reviews (ClaimReview author/publisher) and the site's name. */
export const portalConfigSchema = z.object({
  siteName: z.string().trim().min(1).max(200),
  organization: z.object({
    name: z.string().trim().min(1).max(200),
    /** Defaults to PUBLIC_BASE_URL. */
    url: httpUrl.nullable().default(null),
    logo: httpUrl.nullable().default(null),
  }),
  feedTitle: z.object({ tr: z.string().min(1).max(200), en: z.string().min(1).max(200) }),
  /** The image shared with a link to the portal (og:image): an absolute URL, or a path on this site. */
  ogImage: z
    .string()
    .trim()
    .max(2000)
    .refine((s) => /^https?:\/\//.test(s) || /^\/(?!\/)/.test(s), 'an http(s) URL or a path starting with /')
    .default('/assets/og-default.png'),
  /** One sentence about the portal for search engines and link previews, per language. */
  description: z.object({ tr: z.string().min(1).max(300), en: z.string().min(1).max(300) }).default({
    tr: 'Kamu iletişim ofisinin doğruladığı iddialar ve yayımlanan yanıtlar: karar, kanıt ve kaynaklarıyla.',
    en: 'Claims checked by the public communication office and its published responses, with verdicts, evidence and sources.',
  }),
});
export type PortalConfig = z.infer<typeof portalConfigSchema>;

const defaults: PortalConfig = {
  siteName: 'Köprü',
  organization: { name: 'Köprü', url: null, logo: null },
  feedTitle: { tr: 'Köprü — yayımlanan doğrulamalar', en: 'Köprü — published fact-checks' },
  ogImage: '/assets/og-default.png',
  description: {
    tr: 'Kamu iletişim ofisinin doğruladığı iddialar ve yayımlanan yanıtlar: karar, kanıt ve kaynaklarıyla.',
    en: 'Claims checked by the public communication office and its published responses, with verdicts, evidence and sources.',
  },
};

/** Reads `portal.json` from the config directory; a missing file means the defaults, a bad one stops start-up. */
export function loadPortalConfig(configDir: string): PortalConfig {
  const path = join(configDir, 'portal.json');
  if (!existsSync(path)) return defaults;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${path}: not valid JSON: ${(err as Error).message}`);
  }
  const p = portalConfigSchema.safeParse(raw);
  if (!p.success)
    throw new ConfigError(
      `${path}: ${p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      p.error.issues,
    );
  return p.data;
}

/** The ClaimReview author: config/portal.json, its URL defaulting to the public origin. */
export const organization = (deps: { baseUrl: string; portal: PortalConfig }) => ({
  name: deps.portal.organization.name,
  url: deps.portal.organization.url ?? `${deps.baseUrl}/`,
  logo: deps.portal.organization.logo,
});

/** The share image as an absolute URL (a path is taken on the public base URL). */
export const absoluteImage = (baseUrl: string, image: string) =>
  image.startsWith('/') ? `${baseUrl}${image}` : image;
