import type { TagResult } from '../domain/item.js';
import { type CheckWorthinessModel, createCheckWorthiness } from './checkworthiness.js';
import { claimDocumentText } from './claim-aliases.js';
import type { ClaimBackground } from './claim-background.js';
import { type ClaimIndex, type ClaimMatchConfig, createClaimIndex } from './claims.js';
import { type ClusterConfig, createClusterIndex } from './cluster.js';
import { createEntityRecognizer, type EntityConfig, type GazetteerInput } from './entities.js';
import { detectLanguage } from './lang.js';
import { fnv1a } from './minhash.js';
import { createNameDetector, type NameConfig } from './names.js';
import { normalise } from './normalise.js';
import type { PatternFile } from './pattern-config.js';
import { type PatternLabels, patternLabels } from './pattern-labels.js';
import { compilePatterns } from './patterns.js';
import { detectPii, redact } from './pii.js';
import { assessRisk, isOfficialSource, type RiskConfig, riskConfigSchema } from './risk.js';

/** A known (fact-checked) claim to match against. */
export interface KnownClaim {
  id: string;
  text: string;
  verdict?: string | null;
  /** Other names and acronyms of the claim's subject, indexed with its text. */
  aliases?: string[];
  /** Posts confirmed to make this claim; each is one more document of the claim. */
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
  /** Names always redacted in an application (the applicant's own name from the applicant record). */
  knownNames?: string[];
  /** Where the text comes from (link, author handle, source name): an official source is never impersonation. */
  sources?: string[];
}

/** Everything the tagger needs, as loaded by `loadTagger` (config/nlp/**). */
export interface TaggerResources {
  patterns: PatternFile[];
  risk?: Partial<RiskConfig>;
  model?: CheckWorthinessModel | null;
  claims?: KnownClaim[];
  claimMatch?: Partial<ClaimMatchConfig>;
  /** Document frequencies from a fixed corpus (config/nlp/claim-background.json). */
  claimBackground?: ClaimBackground | null;
  cluster?: Partial<ClusterConfig>;
  gazetteer?: GazetteerInput;
  entities?: EntityConfig;
  /** Name lexicons (config/nlp/names.tr.json); without them only `knownNames` are redacted. */
  names?: NameConfig;
}

/** The tagger used by the tag stage and `npm run tag`. */
export interface Tagger {
  tag(text: string, opts?: TagOptions): TagResult;
  setClaims(claims: KnownClaim[]): void;
  /**
   * Adds a confirmed post as an example of a claim (one more document of it,
   * no rebuild); false when the claim is not in the library.
   */
  addClaimExample(claimId: string, text: string): boolean;
  seedClusters(entries: { clusterKey: string; signature: number[] | string }[]): void;
  /** Turkish and English labels of tag families and evidence rules, for pages (never show the codes). */
  labels: PatternLabels;
  /** The compiled tag families (their flags feed the risk rules; evaluations read them too). */
  families: ReturnType<typeof compilePatterns>['families'];
}

/** Builds a tagger from loaded resources. Stateful only in its claim library and near-duplicate index. */
export function createTagger(resources: TaggerResources): Tagger {
  const matcher = compilePatterns(resources.patterns);
  const labels = patternLabels(matcher.families);
  const riskCfg = riskConfigSchema.parse(resources.risk ?? {});
  const debunked = new Set(riskCfg.debunkedVerdicts.map((v) => v.toLowerCase()));
  const cw = createCheckWorthiness(resources.model);
  const clusters = createClusterIndex(resources.cluster);
  const entities = resources.gazetteer
    ? createEntityRecognizer(
        resources.gazetteer,
        resources.entities ?? { institutions: [], titles: [], ambiguousPlaces: [], ignoredDistricts: [] },
      )
    : null;
  const places = resources.gazetteer?.provinces.flatMap((p) => [p.name, ...p.districts]) ?? [];
  const detectNames = createNameDetector(
    resources.names ?? { ...emptyNames, firstNames: [], surnames: [] },
    places,
  );
  const background = resources.claimBackground ?? null;
  let claimIndex: ClaimIndex = createClaimIndex([], resources.claimMatch, background);
  let verdicts = new Map<string, string>();
  let claimTexts = new Map<string, string>();

  const setClaims = (claims: KnownClaim[]) => {
    claimIndex = createClaimIndex(
      claims.map((c) => ({
        id: c.id,
        norm: normalise(claimDocumentText(c)),
        examples: (c.examples ?? []).map((e) => normalise(e)),
      })),
      resources.claimMatch,
      background,
    );
    verdicts = new Map(claims.filter((c) => c.verdict).map((c) => [c.id, c.verdict!.toLowerCase()]));
    claimTexts = new Map(claims.map((c) => [c.id, c.text]));
  };
  if (resources.claims) setClaims(resources.claims);

  return {
    labels,
    families: matcher.families,
    setClaims,
    addClaimExample: (claimId, text) => claimIndex.addExample(claimId, normalise(text)),
    seedClusters: (entries) => clusters.seed(entries),
    tag(text, opts = {}) {
      const norm = normalise(text);
      const guess = detectLanguage(norm);
      const lang = opts.lang === 'tr' || opts.lang === 'en' ? opts.lang : guess.lang;
      const matched = matcher.match(norm);
      const official = opts.sources?.length ? isOfficialSource(riskCfg, opts.sources) : false;
      const tags = official ? matched.filter((t) => t.tag !== 'impersonation') : matched;
      const checkWorthiness = cw.score(norm, tags);
      const matches = claimIndex.size ? claimIndex.match(norm).map(({ coverage: _c, ...m }) => m) : [];
      // Names are found in every text (a surname is then not a place) but redacted only in applications;
      // public posts keep the names of public figures.
      const names = detectNames(text, opts.knownNames);
      const pii = detectPii(
        text,
        opts.kind === 'application' ? names.map((n) => ({ kind: 'name', ...n })) : [],
      );
      // With no threshold on the ranking, only a confident or strong match may raise risk.
      const riskMin = claimIndex.config.riskMinScore;
      const top = matches.find(
        (m) => (m.confident || m.score >= riskMin) && debunked.has(verdicts.get(m.claimId) ?? ''),
      );
      const { risk, flagged, reasons, reasonsEn } = assessRisk(riskCfg, {
        tags,
        checkWorthiness,
        debunkedMatch: top ?? null,
        families: matcher.families,
        labels,
        claimText: (id) => claimTexts.get(id),
      });
      const sig = clusters.signature(norm);
      const id = opts.id ?? `h${fnv1a(norm.view.text).toString(16)}`;
      const clusterKey = opts.cluster === false ? id : clusters.assign(id, sig);
      const ents = entities?.(norm, names);
      return {
        lang,
        langConfidence: opts.lang && opts.lang !== guess.lang ? 1 : guess.confidence,
        checkWorthiness,
        risk,
        flagged,
        reasons,
        reasonsEn,
        debunkedMatch: top ? { claimId: top.claimId, score: top.score } : null,
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

const emptyNames = {
  commonWords: [],
  selfIntro: [],
  relations: [],
  after: [],
  markers: [],
  personNouns: [],
  signatures: [],
  publicTitles: [],
  placeWords: [],
  notNames: [],
  publicFigures: [],
};
