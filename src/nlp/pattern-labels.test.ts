import { describe, expect, it } from 'vitest';
import { patternFileSchema } from './pattern-config.js';
import { patternLabels } from './pattern-labels.js';
import { compilePatterns } from './patterns.js';

const file = patternFileSchema.parse({
  lang: 'tr',
  families: {
    urgency: {
      label: 'Aciliyet',
      labelEn: 'Urgency',
      rules: [
        { id: 'u.now', label: { tr: 'Hemen paylaşın', en: 'Share now' }, terms: ['hemen paylaş*'] },
        { id: 'u.bare', terms: ['acil'] },
      ],
    },
  },
});

describe('pattern labels', () => {
  const labels = patternLabels(compilePatterns([file]).families);

  it('names families and rules in Turkish by default and in English on request', () => {
    expect(labels.family('urgency')).toBe('Aciliyet');
    expect(labels.family('urgency', 'en')).toBe('Urgency');
    expect(labels.rule('u.now')).toBe('Hemen paylaşın');
    expect(labels.rule('u.now', 'en')).toBe('Share now');
  });

  it('reads required-set evidence as its rule and falls back to the family, never to a code', () => {
    expect(labels.rule('u.now/institution', 'en')).toBe('Share now');
    expect(labels.rule('u.bare', 'en')).toBe('Urgency');
    expect(labels.family('nope')).toBe('Diğer örüntü');
    expect(labels.rule('x.y', 'en')).toBe('Other pattern');
  });

  it('has a Turkish and English label for every family and rule of the shipped config', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const lang of ['tr', 'en']) {
      const cfg = patternFileSchema.parse(
        JSON.parse(await readFile(`config/nlp/patterns.${lang}.json`, 'utf8')),
      );
      for (const [code, fam] of Object.entries(cfg.families)) {
        expect(fam.label, code).toBeTruthy();
        for (const r of fam.rules)
          expect(r.label, r.id).toMatchObject({ tr: expect.any(String), en: expect.any(String) });
      }
      expect(
        Object.values(
          patternFileSchema.parse(JSON.parse(await readFile('config/nlp/patterns.tr.json', 'utf8'))).families,
        ).every((f) => f.labelEn),
      ).toBe(true);
    }
  });
});
