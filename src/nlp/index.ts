/**
 * Turkish-first NLP tagging: pure functions and factories, no I/O.
 * `createTagger` turns loaded resources (lexicons, model, gazetteer) into a
 * stateful tagger (known claims and the near-duplicate index live in memory).
 */
export type { TagResult } from '../domain/item.js';
export { detectLanguage } from './lang.js';
export { normalise, turkishLower } from './normalise.js';
export { patternFileSchema } from './pattern-config.js';
export { compilePatterns } from './patterns.js';
export { detectPii, piiPlaceholders, redact } from './pii.js';
export type { KnownClaim, Tagger, TaggerResources, TagOptions } from './tagger.js';
export { createTagger } from './tagger.js';
