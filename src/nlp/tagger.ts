import type { TagResult } from '../domain/item.js';
import { type CheckWorthinessModel, createCheckWorthiness } from './checkworthiness.js';
import { type ClaimIndex, type ClaimMatchConfig, createClaimIndex } from './claims.js';
import { type ClusterConfig, createClusterIndex } from './cluster.js';
import { createEntityRecognizer, type EntityConfig, type GazetteerInput } from './entities.js';
import { contentStems } from './features.js';
import { detectLanguage } from './lang.js';
import { fnv1a } from './minhash.js';
import { normalise } from './normalise.js';
import type { PatternFile } from './pattern-config.js';
import { compilePatterns } from './patterns.js';
import { detectPii, redact } from './pii.js';
import { assessRisk, type RiskConfig, riskConfigSchema } from './risk.js';
import { cached, englishStem } from './stem.js';
import { turkishStemmer } from './stemmers.js';

/** A known (fact-checked) claim to match against. */
export interface KnownClaim {
  id: string;
  text: string;
  verdict?: string | null;
  /** Other wordings of the claim (extra documents for the matcher). */
  aliases?: string[];
  /** Confirmed example posts (redacted text; extra documents for the matcher). */
  examples?: string[];
}

/** Options of one tagging call. */
export interface TagOptions {
  kind?: 'post' | 'application';
  /** Language given by the source; detection still runs for the confidence. */
  lang?: string;
  /** Item id: the cluster key of a new cluster; without it a content hash is used. */
  id?: string;
  /** false: compute the cluster key without adding the text to the near-duplicate index (e.g. a subject line). */
  cluster?: boolean;
}

/** Everything the tagger needs, as loaded by `loadTagger` (config/nlp/**). */
export interface TaggerResources {
  patterns: PatternFile[];
  risk?: Partial<RiskConfig>;
  model?: CheckWorthinessModel | null;
  claims?: KnownClaim[];
  claimMatch?: Partial<ClaimMatchConfig>;
  cluster?: Partial<ClusterConfig>;
  gazetteer?: GazetteerInput;
  entities?: EntityConfig;
}

/** The tagger used by the tag stage and `npm run tag`. */
export interface Tagger {
  tag(text: string, opts?: TagOptions): TagResult;
  setClaims(claims: KnownClaim[]): void;
  seedClusters(entries: { clusterKey: string; signature: number[] | string }[]): void;
}

/** Builds a tagger from loaded resources. Stateful only in its claim library and near-duplicate index. */
export function createTagger(resources: TaggerResources): Tagger {
  const matcher = compilePatterns(resources.patterns);
  const riskCfg = riskConfigSchema.parse(resources.risk ?? {});
  const debunked = new Set(riskCfg.debunkedVerdicts.map((v) => v.toLowerCase()));
  const cw = createCheckWorthiness(resources.model);
  const trStem = cached(turkishStemmer(cw.stemmer));
  const enStem = cached(englishStem);
  const clusters = createClusterIndex(resources.cluster);
  const entities = resources.gazetteer
    ? createEntityRecognizer(
        resources.gazetteer,
        resources.entities ?? { institutions: [], titles: [], ambiguousPlaces: [], ignoredDistricts: [] },
      )
    : null;
  let claimIndex: ClaimIndex = createClaimIndex([], resources.claimMatch);
  const claimStem = cached(turkishStemmer(claimIndex.config.stemmer));
  let verdicts = new Map<string, string>();

  const setClaims = (claims: KnownClaim[]) => {
    claimIndex = createClaimIndex(
      claims.map((c) => {
        const norm = normalise(c.text);
        return { id: c.id, norm, stems: contentStems(norm, claimStem) };
      }),
      resources.claimMatch,
    );
    verdicts = new Map(claims.filter((c) => c.verdict).map((c) => [c.id, c.verdict!.toLowerCase()]));
  };
  if (resources.claims) setClaims(resources.claims);

  return {
    setClaims,
    seedClusters: (entries) => clusters.seed(entries),
    tag(text, opts = {}) {
      const norm = normalise(text);
      const guess = detectLanguage(norm);
      const lang = opts.lang === 'tr' || opts.lang === 'en' ? opts.lang : guess.lang;
      const stems = contentStems(norm, lang === 'en' ? enStem : trStem);
      const tags = matcher.match(norm);
      const checkWorthiness = cw.score(norm, lang === 'en' ? contentStems(norm, trStem) : stems, tags);
      const matches = claimIndex.size ? claimIndex.match(norm, contentStems(norm, claimStem)) : [];
      const pii = detectPii(text);
      const top = matches.find((m) => debunked.has(verdicts.get(m.claimId) ?? ''));
      const { risk, flagged, reasons } = assessRisk(riskCfg, {
        tags,
        checkWorthiness,
        debunkedMatch: top ?? null,
        families: matcher.families,
      });
      const sig = clusters.signature(norm);
      const id = opts.id ?? `h${fnv1a(norm.view.text).toString(16)}`;
      const clusterKey = opts.cluster === false ? id : clusters.assign(id, sig);
      const ents = entities?.(norm);
      return {
        lang,
        langConfidence: opts.lang && opts.lang !== guess.lang ? 1 : guess.confidence,
        checkWorthiness,
        risk,
        flagged,
        reasons,
        tags,
        matches,
        pii,
        redactedText: redact(text, pii),
        clusterKey,
        signature: clusters.encode(sig),
        entities: ents ?? { provinces: [], institutions: [], people: [] },
      };
    },
  };
}
