import { describe, expect, it } from 'vitest';
import { jsonLdText, toClaimReview, verdictRatings } from './claim-review.js';
import { publishedResponseSchema } from './published-response.js';

const doc = publishedResponseSchema.parse({
  id: 'r1',
  title: 'Baraj patlamadı',
  claimReviewed: 'Baraj patladı',
  verdict: 'false',
  summary: 'Yanlış.',
  body: 'Baraj sağlam.',
  topics: [],
  province: 'İzmir',
  publishedAt: 1_700_000_000,
  publishedAtIso: '2023-11-14T22:13:20.000Z',
  url: '/responses/r1',
  lang: 'tr',
  appearances: [
    { url: 'https://b.example/2', datePublished: '2023-11-02T00:00:00.000Z' },
    { url: 'https://a.example/1', datePublished: '2023-11-01T00:00:00.000Z' },
  ],
});
const organization = { name: 'Ofis', url: 'https://ofis.example' };

describe('ClaimReview', () => {
  it('maps verdicts onto a 1–5 scale with the label as alternateName', () => {
    const cr = toClaimReview(doc, { baseUrl: 'https://portal.example', organization });
    expect(cr.reviewRating).toEqual({
      '@type': 'Rating',
      ratingValue: 1,
      bestRating: 5,
      worstRating: 1,
      alternateName: 'Yanlış',
    });
    expect(verdictRatings.true.value).toBe(5);
    const en = toClaimReview(
      { ...doc, lang: 'en', verdict: 'misleading' },
      { baseUrl: 'https://p', organization },
    );
    expect(en.reviewRating.alternateName).toBe('Misleading');
    expect(en.reviewRating.ratingValue).toBe(2);
  });

  it('makes the url absolute, orders appearances and names the first one', () => {
    const cr = toClaimReview(doc, { baseUrl: 'https://portal.example', organization });
    expect(cr.url).toBe('https://portal.example/responses/r1');
    expect(cr.itemReviewed.appearance.map((a) => a.url)).toEqual([
      'https://a.example/1',
      'https://b.example/2',
    ]);
    expect(cr.itemReviewed.firstAppearance?.url).toBe('https://a.example/1');
    expect(cr.dateModified).toBeUndefined();
    expect(toClaimReview({ ...doc, appearances: [] }, { baseUrl: 'x:', organization }).itemReviewed).toEqual({
      '@type': 'Claim',
      appearance: [],
    });
  });

  it('escapes characters that could end the script element', () => {
    const text = jsonLdText({ a: '</script><b>&' });
    expect(text).not.toMatch(/[<>&]/);
    expect(JSON.parse(text)).toEqual({ a: '</script><b>&' });
  });
});
