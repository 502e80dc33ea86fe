import { describe, expect, it } from 'vitest';
import { createDictionaries, translator, type UiLang } from '../../web/ui/i18n.js';
import { dateOnly } from '../../web/ui/when.js';
import { en, tr } from './i18n.js';
import { excerpt, itemTitle } from './item-title.js';

const dicts = createDictionaries([{ tr, en }]);
const view = (lang: UiLang) => ({
  t: translator(dicts, lang),
  day: (iso: string | Date | null | undefined) => dateOnly(lang, iso),
});
const post = {
  subject: null,
  source: 'haber-a',
  occurredAt: '2024-03-03T09:00:00Z',
  createdAt: '2024-03-04T09:00:00Z',
  tagResult: {
    redactedText:
      'SON DAKİKA! Baraj patladı, şehir sular altında kalacak, [TELEFON] numarasını arayın ve silinmeden paylaşın!!',
  },
};

describe('item titles', () => {
  it('name a post by the start of its redacted text, its source and its day, never its id', () => {
    const title = itemTitle(view('tr'), post);
    expect(title).toBe(
      '“SON DAKİKA! Baraj patladı, şehir sular altında kalacak, [TELEFON]…” · haber-a · 3 Mar 2024',
    );
    expect(itemTitle(view('en'), post)).toMatch(/ · haber-a · 3 Mar 2024$/);
  });

  it('name an application by its subject, and an untagged item by the word for item', () => {
    const app = {
      ...post,
      subject: 'Baraj söylentisi, TC 10000000146',
      tagResult: { ...post.tagResult, redactedSubject: 'Baraj söylentisi, TC [TCKN]' },
    };
    // The subject as redacted: a TCKN in it never reaches a title.
    expect(itemTitle(view('tr'), app)).toBe('Baraj söylentisi, TC [TCKN] · haber-a · 3 Mar 2024');
    const untagged = { ...post, occurredAt: null, tagResult: null };
    expect(itemTitle(view('tr'), untagged)).toBe('Kayıt · haber-a · 4 Mar 2024');
    expect(itemTitle(view('en'), untagged)).toBe('Item · haber-a · 4 Mar 2024');
  });

  it('cuts excerpts at a word boundary, or inside one very long word', () => {
    expect(excerpt('  kısa   metin ', 20)).toBe('kısa metin');
    expect(excerpt('bir iki üç dört beş', 12)).toBe('bir iki üç…');
    expect(excerpt('Çekoslovakyalılaştıramadıklarımızdanmışsınızcasına', 10)).toBe('Çekoslova…');
  });
});
