import type { TagResult } from './item.js';

/** The text an erased item keeps in place of the original. */
export const ERASED_TEXT = '';

/**
 * What of a tag result survives erasure: the labels, scores and matches that feed
 * the statistics. Everything derived from the text itself (redacted text, evidence
 * offsets, personal-data spans, people's names, the MinHash signature) is dropped.
 */
export function anonymiseTagResult(r: TagResult): TagResult {
  return {
    lang: r.lang,
    langConfidence: r.langConfidence,
    checkWorthiness: r.checkWorthiness,
    risk: r.risk,
    flagged: r.flagged,
    reasons: r.reasons,
    reasonsEn: r.reasonsEn,
    tags: r.tags.map((t) => ({ tag: t.tag, score: t.score, evidence: [] })),
    matches: r.matches,
    pii: [],
    redactedText: ERASED_TEXT,
    clusterKey: r.clusterKey,
    entities: {
      provinces: r.entities.provinces ?? [],
      districts: r.entities.districts ?? [],
      institutions: r.entities.institutions ?? [],
      people: [],
    },
  };
}
