import { StemmerTr } from '@nlpjs/lang-tr';
import { newStemmer } from 'snowball-stemmers';
import { f5Stem, lightTurkishStem, type Stemmer, type TurkishStemmerName } from './stem.js';
import { asciiFold } from './text-view.js';

/** A stemmer that wants the Turkish-lower-cased surface word (with ç ğ ı ö ş ü), not the folded one. */
export type SurfaceStemmer = Stemmer & { surface: true };

/**
 * The Turkish stemmer by name. Snowball and nlp.js need Turkish letters, so
 * they take the surface form and their output is folded afterwards.
 */
export function turkishStemmer(name: TurkishStemmerName): Stemmer | SurfaceStemmer {
  switch (name) {
    case 'light':
      return lightTurkishStem;
    case 'f5':
      return f5Stem;
    case 'none':
      return (w) => w;
    case 'snowball': {
      const s = newStemmer('turkish');
      return Object.assign((w: string) => asciiFold(s.stem(w)).toLowerCase(), { surface: true as const });
    }
    case 'nlpjs': {
      const s = new StemmerTr();
      return Object.assign((w: string) => asciiFold(s.stemWord(w)).toLowerCase(), { surface: true as const });
    }
  }
}
