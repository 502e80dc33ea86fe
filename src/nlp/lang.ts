import { eldDetector } from './eld-detector.js';
import { detectLanguageHeuristic, letterText } from './lang-heuristic.js';
import type { Normalised } from './normalise.js';

export { letterText };

/** Detected language: an ISO 639-1 code (`tr`, `en`, `az`, `ku`, ...) or `other` when unknown. */
export interface LangGuess {
  lang: string;
  confidence: number;
}

/** Below this many letters (links, mentions, hashtags and digits not counted) the heuristic decides. */
export const MIN_LETTERS_FOR_DETECTOR = 20;

// Kurmanji function words and endings; eld knows Kurdish only in Arabic script (Sorani).
const KU_WORDS = new Set(
  'û ji di bi li ku ew tu hûn jî dê bû yên yê wê wî min te me bo gelo heye tune hatiye dibe dikin bikin nekin gelek spas kerema xwe vê van îro sibê roja'.split(
    ' ',
  ),
);
const KU_LETTERS = /[êîû]/g;
const AZ_LETTER = /[əƏ]/;
const LETTER = /\p{L}/gu;
const KU_LOOKALIKES = new Set(['fr', 'pt', 'vi', 'it', 'ro', 'ca']);
const AZ_HINT = /[əƏxXqQ]/;
const NOT_TR_LETTERS = /[əƏxXqQwWêÊîÎûÛ]/;
/** Heuristic confidence above which Turkish text skips the n-gram detector. */
const FAST_TR_CONFIDENCE = 0.8;
/** The detector reads at most this many characters (its cost grows with length; 160 is plenty). */
const DETECTOR_CHARS = 160;

/**
 * Language of a text: eld (n-gram detector, 60 languages, data bundled) on the words of the text,
 * with Azerbaijani and Kurmanji checks eld lacks; the stop-word heuristic for very short texts or
 * when eld is not reliable.
 */
export function detectLanguage(norm: Normalised): LangGuess {
  const heuristic = detectLanguageHeuristic(norm);
  const text = letterText(norm);
  // Fast path (most items): clear Turkish with no letter of Azerbaijani or Kurmanji needs no n-grams.
  if (heuristic.lang === 'tr' && heuristic.confidence >= FAST_TR_CONFIDENCE && !NOT_TR_LETTERS.test(text)) {
    return heuristic;
  }
  const letters = text.match(LETTER)?.length ?? 0;
  if (letters === 0) return heuristic;
  const lower = text.toLocaleLowerCase('tr');
  const words = lower.split(/\s+/);
  const kuHits = words.filter((w) => KU_WORDS.has(w)).length;
  const kuLetters = lower.match(KU_LETTERS)?.length ?? 0;
  const kurmanji = () => ({
    lang: 'ku',
    confidence: round(Math.min(0.95, 0.5 + (kuHits + kuLetters) / (2 * words.length))),
  });
  if (kuHits >= 2 && kuHits + kuLetters >= Math.max(3, words.length * 0.4)) return kurmanji();
  if (letters < MIN_LETTERS_FOR_DETECTOR && heuristic.lang !== 'other') return heuristic;
  const res = eldDetector().detect(text.slice(0, DETECTOR_CHARS));
  const scores = res.getScores();
  let lang = res.language;
  if (!lang) return heuristic;
  // ê î û are Kurmanji letters that eld (Kurdish in Arabic script only) cannot place. French has them
  // too; old-style Turkish writes î and û (siyasî, husûs) but never ê, and uses â, which Kurmanji lacks.
  if (kuLetters >= 2 && lower.includes('ê') && !lower.includes('â') && !KU_LOOKALIKES.has(lang))
    return kurmanji();
  // eld ranks Turkish and Azerbaijani close together; ə, x and q are decisive, without them Turkish wins.
  if (lang === 'az' && !AZ_HINT.test(text) && (scores.tr ?? 0) > 0) lang = 'tr';
  if (lang === 'tr' && AZ_LETTER.test(text)) lang = 'az';
  if (!res.isReliable() && heuristic.lang !== lang && (heuristic.lang === 'tr' || heuristic.lang === 'en')) {
    return heuristic;
  }
  const top = scores[lang] ?? 0;
  const second = Math.max(0, ...Object.entries(scores).flatMap(([k, s]) => (k === lang ? [] : [s])));
  const margin = top > 0 ? Math.min(1, (top - second) / top + 0.5) : 0.5;
  const evidence = 1 - Math.exp(-letters / 40);
  return { lang, confidence: round(Math.max(0.3, Math.min(0.99, margin * evidence))) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
