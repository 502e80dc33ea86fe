import { createRequire } from 'node:module';
import { ConfigError } from '../domain/errors.js';
import { f5Stem, lightTurkishStem, type Stemmer, type TurkishStemmerName } from './stem.js';
import { asciiFold } from './text-view.js';

/** A stemmer that wants the Turkish-lower-cased surface word (with ç ğ ı ö ş ü), not the folded one. */
export type SurfaceStemmer = Stemmer & { surface: true };

const require = createRequire(import.meta.url);

/**
 * Loads a stemmer package used only to compare stemmers (devDependency, absent from the
 * production image). `require` rather than `import()` because both packages are CommonJS and
 * the tagger builds its stemmers synchronously; either way nothing loads unless the name is asked for.
 */
function evaluationOnly<T>(pkg: string, name: TurkishStemmerName): T {
  try {
    return require(pkg) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
    throw new ConfigError(
      `stemmer "${name}" needs the package ${pkg}, a devDependency used only for evaluation ` +
        "(install with `npm ci` including dev dependencies, or use the 'light', 'f5' or 'none' stemmer)",
    );
  }
}

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
      const { newStemmer } = evaluationOnly<typeof import('snowball-stemmers')>('snowball-stemmers', name);
      const s = newStemmer('turkish');
      return Object.assign((w: string) => asciiFold(s.stem(w)).toLowerCase(), { surface: true as const });
    }
    case 'nlpjs': {
      const { StemmerTr } = evaluationOnly<typeof import('@nlpjs/lang-tr')>('@nlpjs/lang-tr', name);
      const s = new StemmerTr();
      return Object.assign((w: string) => asciiFold(s.stemWord(w)).toLowerCase(), { surface: true as const });
    }
  }
}
