import { describe, expect, it } from 'vitest';
import { detectLanguage, letterText } from './lang.js';
import { detectLanguageHeuristic } from './lang-heuristic.js';
import { langSample } from './lang-sample.js';
import { normalise } from './normalise.js';

const lang = (s: string) => detectLanguage(normalise(s));

describe('detectLanguage', () => {
  it('detects Turkish, also without Turkish letters', () => {
    expect(lang('Bu gece büyük bir deprem olacakmış, herkes dikkatli olsun').lang).toBe('tr');
    expect(lang('bu aksam icin hazirlik yapiyoruz ama kimse gelmedi').lang).toBe('tr');
  });
  it('detects English with a confidence that grows with evidence', () => {
    const g = lang('The government has not confirmed any of these claims about the vaccine');
    expect(g.lang).toBe('en');
    expect(g.confidence).toBeGreaterThan(0.6);
  });
  it('names other languages by their ISO 639-1 code', () => {
    expect(lang('Die Regierung hat heute eine neue Regel für die Schulen beschlossen').lang).toBe('de');
    expect(lang('Правительство сегодня приняло новое решение о школах').lang).toBe('ru');
    expect(lang('الحكومة أعلنت اليوم قرارا جديدا بشأن المدارس').lang).toBe('ar');
  });
  it('tells Azerbaijani from Turkish by ə, x and q', () => {
    expect(lang('Məktəblər bazar ertəsi günü bağlı olacaqmı?').lang).toBe('az');
    expect(lang('Okullar pazartesi günü kapalı olacak mı?').lang).toBe('tr');
  });
  it('recognises Kurmanji in Latin script, which the n-gram detector lacks', () => {
    expect(lang('Gelo dibistan roja duşemê girtî ne û çima?').lang).toBe('ku');
    // Old-style Turkish spelling with î and û is still Turkish.
    expect(lang('Siyasî meselelerde husûsi bir dikkat gerekir, bu çok önemli').lang).toBe('tr');
  });
  it('does not count links, mentions and hashtags as letters', () => {
    const n = normalise('@GovernmentOffice #BreakingNews https://example.org/english-words-here deprem oldu');
    expect(letterText(n)).toBe('deprem oldu');
    expect(lang('@GovernmentOffice #BreakingNews https://example.org/english deprem oldu mu').lang).toBe(
      'tr',
    );
  });
  it('falls back to the heuristic for very short texts', () => {
    const n = normalise('acil yardım');
    expect(detectLanguage(n)).toEqual(detectLanguageHeuristic(n));
    expect(lang('👍 https://t.co/x').lang).toBe('other');
  });
  it('labels most of the project sample correctly in every language', () => {
    for (const [code, texts] of Object.entries(langSample)) {
      const ok = texts.filter((t) => lang(t).lang === code).length;
      expect(ok / texts.length, code).toBeGreaterThanOrEqual(0.85);
    }
  });
});
