import { describe, expect, it } from 'vitest';
import { normalise } from './normalise.js';
import { patternFileSchema } from './pattern-config.js';
import { compilePatterns } from './patterns.js';

const file = patternFileSchema.parse({
  lang: 'tr',
  sets: { institution: ['afad', 'valilig*'], debunk: ['asilsiz*'] },
  families: {
    urgency: { label: 'Aciliyet', rules: [{ id: 'u.deleted', terms: ['silinmeden paylaş*'], weight: 0.8 }] },
    disaster_rumour: { label: 'Afet', rules: [{ id: 'd.quake', terms: ['deprem* olacak'] }] },
    impersonation: {
      label: 'Taklit',
      rules: [
        { id: 'i.official', terms: ['resmi açıklama*'], requires: ['institution'], unless: ['debunk'] },
      ],
    },
    scam: { label: 'Dolandırıcılık', rules: [{ id: 's.short', urls: ['bit.ly'] }] },
    fabricated_quote: { label: 'Alıntı', rules: [{ id: 'q.said', regex: '"[^"]{5,}"\\s*dedi' }] },
  },
});
const matcher = compilePatterns([file]);
const tags = (text: string) => matcher.match(normalise(text));
const spans = (text: string) =>
  tags(text).flatMap((t) => t.evidence.map((e) => `${t.tag}:${e.rule}:${text.slice(e.start, e.end)}`));

describe('pattern matcher', () => {
  it('reports evidence as spans of the original text, whatever the spelling', () => {
    expect(spans('SİLİNMEDEN PAYLAŞIN!!!')).toEqual(['urgency:u.deleted:SİLİNMEDEN PAYLAŞIN']);
    expect(spans('silinmeden paylasinnn')).toEqual(['urgency:u.deleted:silinmeden paylasinnn']);
    expect(spans('Yarın depremler olacak')).toEqual(['disaster_rumour:d.quake:depremler olacak']);
  });

  it('matches multi-word terms inside camel-case and joined hashtags', () => {
    expect(spans('#SilinmedenPaylaşın')).toEqual(['urgency:u.deleted:SilinmedenPaylaşın']);
    expect(spans('#silinmedenpaylasin')).toEqual(['urgency:u.deleted:silinmedenpaylasin']);
  });

  it('needs the required set and is cancelled by the unless set', () => {
    expect(tags('Resmi açıklama: yarın okullar tatil')).toEqual([]);
    expect(spans("AFAD'dan resmi açıklama")).toEqual([
      "impersonation:i.official/institution:AFAD'dan",
      'impersonation:i.official:resmi açıklama',
    ]);
    expect(tags("AFAD'a ait olduğu söylenen resmi açıklama asılsız")).toEqual([]);
  });

  it('matches link hosts and raw regexes over the folded text', () => {
    expect(spans('hemen başvur bit.ly/abc')).toEqual(['scam:s.short:bit.ly/abc']);
    expect(spans('Bakan "okullar bir ay kapalı" dedi')).toEqual([
      'fabricated_quote:q.said:"okullar bir ay kapalı" dedi',
    ]);
  });

  it('combines rule weights per family (noisy-or) and orders families by score', () => {
    const r = tags('deprem olacak, silinmeden paylaşın');
    expect(r.map((t) => t.tag)).toEqual(['urgency', 'disaster_rumour']);
    expect(r[0]!.score).toBe(0.8);
    expect(r[1]!.score).toBe(0.6);
  });

  it('tags on a signal rule only: topic words add to the score but are not a tag alone', () => {
    const m = compilePatterns([
      patternFileSchema.parse({
        lang: 'tr',
        sets: { debunk: ['asilsiz*', 'yalanlandi'] },
        families: {
          health_rumour: {
            label: 'Sağlık',
            unless: ['debunk'],
            rules: [
              { id: 'h.harm', terms: ['asi* olduruyor'], weight: 0.8 },
              { id: 'h.topic', role: 'context', terms: ['covid*', 'asi'], weight: 0.5 },
            ],
          },
        },
      }),
    ]);
    const t = (text: string) => m.match(normalise(text));
    expect(t('Covid aşı randevusu açıldı')).toEqual([]);
    const hit = t('Covid aşısı öldürüyor');
    expect(hit.map((x) => x.tag)).toEqual(['health_rumour']);
    expect(hit[0]!.score).toBe(0.9);
    // A debunk cancels every rule of the family.
    expect(t('Covid aşısı öldürüyor iddiası yalanlandı')).toEqual([]);
    expect(t('Aşı öldürüyor iddiaları asılsızdır')).toEqual([]);
  });

  it('matches the joined form of a multi-word term only inside a hashtag', () => {
    const m = compilePatterns([
      patternFileSchema.parse({
        lang: 'en',
        families: { sensational: { label: 'S', rules: [{ id: 's.just', terms: ['just in'] }] } },
      }),
    ]);
    expect(m.match(normalise('Justin Trudeau said'))).toEqual([]);
    expect(m.match(normalise('#justin: floods')).map((x) => x.tag)).toEqual(['sensational']);
  });

  it('does not fire on unrelated text', () => {
    expect(tags('Bugün hava güzel, parkta yürüyüş yaptık.')).toEqual([]);
  });
});
