import { isWebUrl, type PublishedResponse } from './published-response.js';
import type { Verdict } from './review/verdicts.js';

/**
 * Verdict → rating on a 1–5 scale (worstRating 1, bestRating 5), as fact-checkers
 * publishing ClaimReview do: 1 false, 2 misleading, 3 unverifiable or out of scope
 * (neither confirmed nor refuted), 5 true. 4 ("mostly true") is not a verdict here.
 * `alternateName` carries the verdict's label in the response's language, which is
 * what search engines show.
 */
export const verdictRatings: Record<Verdict, { value: number; tr: string; en: string }> = {
  false: { value: 1, tr: 'Yanlış', en: 'False' },
  misleading: { value: 2, tr: 'Yanıltıcı', en: 'Misleading' },
  unverifiable: { value: 3, tr: 'Doğrulanamaz', en: 'Unverifiable' },
  out_of_scope: { value: 3, tr: 'Kapsam dışı', en: 'Out of scope' },
  true: { value: 5, tr: 'Doğru', en: 'True' },
};

/** The organisation that writes and publishes the reviews (config/portal.json). */
export interface ReviewOrganization {
  name: string;
  url: string;
  logo?: string | null;
}

/** A schema.org ClaimReview (https://schema.org/ClaimReview) as JSON-LD. */
export interface ClaimReview {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  url: string;
  name: string;
  claimReviewed: string;
  datePublished: string;
  dateModified?: string;
  inLanguage: string;
  author: OrganizationLd;
  publisher: OrganizationLd;
  reviewRating: {
    '@type': 'Rating';
    ratingValue: number;
    bestRating: 5;
    worstRating: 1;
    alternateName: string;
  };
  itemReviewed: {
    '@type': 'Claim';
    appearance: CreativeWorkLd[];
    firstAppearance?: CreativeWorkLd;
    datePublished?: string;
  };
}

interface OrganizationLd {
  '@type': 'Organization';
  name: string;
  url: string;
  logo?: { '@type': 'ImageObject'; url: string };
}
interface CreativeWorkLd {
  '@type': 'CreativeWork';
  url: string;
  datePublished: string;
}

const organization = (o: ReviewOrganization): OrganizationLd => ({
  '@type': 'Organization',
  name: o.name,
  url: o.url,
  ...(o.logo ? { logo: { '@type': 'ImageObject' as const, url: o.logo } } : {}),
});

/**
 * Builds the ClaimReview of a published response. Pure: the appearances are the
 * ones stored with the publication (public posts only, earliest first); `baseUrl`
 * makes the permalink absolute.
 */
export function toClaimReview(
  r: PublishedResponse,
  opts: { baseUrl: string; organization: ReviewOrganization },
): ClaimReview {
  const rating = verdictRatings[r.verdict];
  const appearance = [...(r.appearances ?? [])]
    .filter((a) => isWebUrl(a.url))
    .sort((a, b) => a.datePublished.localeCompare(b.datePublished))
    .map((a) => ({ '@type': 'CreativeWork' as const, url: a.url, datePublished: a.datePublished }));
  const org = organization(opts.organization);
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: new URL(r.url, `${opts.baseUrl}/`).toString(),
    name: r.title,
    claimReviewed: r.claimReviewed,
    datePublished: r.publishedAtIso,
    ...(r.modifiedAtIso ? { dateModified: r.modifiedAtIso } : {}),
    inLanguage: r.lang,
    author: org,
    publisher: org,
    reviewRating: {
      '@type': 'Rating',
      ratingValue: rating.value,
      bestRating: 5,
      worstRating: 1,
      alternateName: r.lang === 'en' ? rating.en : rating.tr,
    },
    itemReviewed: {
      '@type': 'Claim',
      appearance,
      ...(appearance[0]
        ? { firstAppearance: appearance[0], datePublished: appearance[0].datePublished }
        : {}),
    },
  };
}

/** Serialises JSON-LD for a `<script type="application/ld+json">` block: `<` cannot close the element. */
export const jsonLdText = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
