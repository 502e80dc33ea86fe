import type { ClaimBackground } from './claim-background.js';
import { type ClaimMatchConfig, claimMatchConfigSchema } from './claim-config.js';
import { type ClaimFeatureSpec, type ClaimFeatures, claimFeatures } from './claim-features.js';
import {
  DenseQuery,
  DocArena,
  FeatureTable,
  PostingLists,
  QueryBuilder,
  tfidfVector,
  topIndices,
  toSparse,
} from './claim-vectors.js';
import { type Normalised, turkishLower } from './normalise.js';

export { type ClaimMatchConfig, claimMatchConfigSchema } from './claim-config.js';

/** A claim for the index: its text (with aliases appended) and example posts, already normalised. */
export interface IndexedClaim {
  id: string;
  norm: Normalised;
  examples?: Normalised[];
}

/** One entry of the ranked list. */
export interface ClaimMatch {
  claimId: string;
  score: number;
  /** Very likely right: the item may be linked to the claim automatically. */
  confident: boolean;
  /** Words of the text whose word feature occurs in the claim (as written, lower-case). */
  terms: string[];
}

/** A ranked entry with the share of the claim document's weight that the post covers. */
export interface RankedClaim extends ClaimMatch {
  coverage: number;
}

/**
 * Lexical claim index. Every claim has one or more documents (its text with
 * aliases, then each example post); a claim's score is the best of its
 * documents. Document score = prefixWeight × cosine(TF-IDF word features) +
 * (1 − prefixWeight) × cosine(TF-IDF character n-grams). Inverse document
 * frequencies come from a fixed background corpus plus the claim texts, never
 * from the texts being matched, so adding an example never re-weights anything.
 */
export function createClaimIndex(
  claims: IndexedClaim[],
  config: Partial<ClaimMatchConfig> = {},
  background: ClaimBackground | null = null,
) {
  const cfg = claimMatchConfigSchema.parse(config);
  const spec: ClaimFeatureSpec = { prefix: cfg.prefix, gramMin: cfg.gramMin, gramMax: cfg.gramMax };
  const ids = claims.map((c) => c.id);
  const byId = new Map(ids.map((id, i) => [id, i]));
  const claimFeats = claims.map((c) => claimFeatures(c.norm, spec));
  const claimDf = new Map<number, number>();
  for (const f of claimFeats)
    for (const h of new Set([...f.prefixes, ...f.grams])) claimDf.set(h, (claimDf.get(h) ?? 0) + 1);
  const nDocs = (background?.docs ?? 0) + claims.length;
  const bgDf = background?.df;
  // Claim features get their IDF once; other query features (they only enter the query norm) on the fly.
  // One table for every feature with a known frequency (one lookup per query feature).
  // Maps are keyed by the hash as a signed 32-bit integer (`h | 0`): a small integer for
  // V8, where an unsigned hash above 2^31 would be a heap number, slower to hash and allocate.
  // Every feature with a known frequency gets a small integer id: its IDF and its posting
  // list live in arrays under that id, so a query feature costs one map lookup in all.
  const featId = new FeatureTable();
  const featIdf: number[] = [];
  const posts = new PostingLists();
  const register = (h: number, w: number) => {
    featId.set(h, featIdf.length);
    featIdf.push(w);
  };
  if (bgDf) for (const [h, c] of bgDf) register(h, Math.log(1 + nDocs / (c + 1)));
  for (const [h, c] of claimDf) {
    const w = Math.log(1 + nDocs / ((bgDf?.get(h) ?? 0) + c + 1));
    const fi = featId.get(h);
    if (fi < 0) register(h, w);
    else featIdf[fi] = w;
  }
  const unseenIdf = Math.log(1 + nDocs);
  const idf = (h: number) => {
    const fi = featId.get(h);
    return fi < 0 ? unseenIdf : featIdf[fi]!;
  };
  const query = new QueryBuilder(featId, featIdf, unseenIdf);

  const docClaim: number[] = [];
  // Every document's vector (feature ids in sorted-key order, 32-bit weights) in one arena, id and weight side by
  // side, so scoring a candidate reads one contiguous run of memory.
  const arena = new DocArena();
  /** Each document's distinct word features as feature ids (for the matched words): document d's from prefixStart[d]. */
  const prefixIds: number[] = [];
  const prefixStart: number[] = [0];
  const dense = new DenseQuery();
  // Feature ids marked with the current stamp: the word features of one claim's documents.
  let mark = new Uint32Array(1024);
  let stamp = 0;
  let wordFeats = new Int32Array(64);
  const featureOf = (h: number) => {
    let fi = featId.get(h);
    if (fi < 0) {
      // A feature first seen in an example post: the IDF of an unseen feature, as before it was added.
      fi = featIdf.length;
      register(h, unseenIdf);
    }
    return fi;
  };
  const claimDocs: number[][] = claims.map(() => []);
  let acc = new Float64Array(64);
  let touched = new Int32Array(64);
  const best = new Float64Array(claims.length);
  const bestCov = new Float64Array(claims.length);
  const seen = new Uint8Array(claims.length);

  const addDoc = (claim: number, f: ClaimFeatures) => {
    const d = docClaim.length;
    const v = tfidfVector(f, cfg.prefixWeight, idf);
    docClaim.push(claim);
    arena.add(toSparse(v), featureOf);
    for (const h of new Set(f.prefixes)) prefixIds.push(featureOf(h));
    prefixStart.push(prefixIds.length);
    claimDocs[claim]!.push(d);
    for (const [h, w] of v) posts.add(featureOf(h), d, w);
    if (d >= acc.length) {
      const a = new Float64Array(acc.length * 2);
      a.set(acc);
      acc = a;
      touched = new Int32Array(acc.length);
    }
  };
  claims.forEach((c, i) => {
    addDoc(i, claimFeats[i]!);
    for (const e of c.examples ?? []) addDoc(i, claimFeatures(e, spec));
  });
  posts.compact();

  // The words of the query whose word feature one of the claim's documents has, as written
  // (lower-case); `lowered` caches each token's form across the top claims of one query, and
  // `wordFeats` holds the feature id of each query word (set once per query).
  const termsOf = (claim: number, q: ClaimFeatures, norm: Normalised, lowered: string[]): string[] => {
    if (mark.length < featIdf.length) {
      let cap = mark.length;
      while (cap < featIdf.length) cap *= 2;
      mark = new Uint32Array(cap);
      stamp = 0;
    }
    if (++stamp === 0xffffffff) {
      mark.fill(0);
      stamp = 1;
    }
    for (const d of claimDocs[claim]!)
      for (let k = prefixStart[d]!; k < prefixStart[d + 1]!; k++) mark[prefixIds[k]!] = stamp;
    const out: string[] = [];
    const v = norm.view;
    for (let i = 0; i < q.prefixes.length; i++) {
      const fi = wordFeats[i]!;
      if (fi < 0 || mark[fi] !== stamp) continue;
      let w = lowered[i];
      if (w === undefined) {
        const t = q.tokens[i]!;
        w = turkishLower(v.original.slice(v.map[t.start]!, v.map[t.start + t.root.length]!));
        lowered[i] = w;
      }
      if (!out.includes(w)) out.push(w);
    }
    return out;
  };
  const better = (a: number, b: number) => best[a]! > best[b]! || (best[a] === best[b] && ids[a]! < ids[b]!);
  const byBest = (a: number, b: number) => (better(a, b) ? -1 : better(b, a) ? 1 : 0);

  return {
    config: cfg,
    spec,
    get size() {
      return claims.length;
    },
    get documents() {
      return docClaim.length;
    },
    /** Adds an example post (a confirmed match) as one more document of a claim; false if the claim is unknown. */
    addExample(claimId: string, norm: Normalised): boolean {
      const i = byId.get(claimId);
      if (i === undefined) return false;
      addDoc(i, claimFeatures(norm, spec));
      posts.maybeCompact();
      return true;
    },
    /** The ranked top-K claims, best first, never cut by a threshold; only the first can be confident. */
    match(norm: Normalised, opts: { topK?: number } = {}): RankedClaim[] {
      const topK = opts.topK ?? cfg.topK;
      if (claims.length === 0) return [];
      const q = claimFeatures(norm, spec);
      const qv = query.build(q, cfg.prefixWeight);
      const cap = Math.min(cfg.maxPostings, Math.max(20, cfg.maxPostingShare * docClaim.length));
      let nt = 0;
      for (let qi = 0; qi < qv.n; qi++) {
        const fi = qv.feats[qi]!;
        if (fi < 0) continue;
        if (posts.length(fi) > cap) continue;
        const qw = qv.weights[qi]!;
        if (fi + 1 < posts.start.length) {
          const { docs, weights } = posts;
          for (let k = posts.start[fi]!, end = posts.start[fi + 1]!; k < end; k++) {
            const d = docs[k]!;
            if (acc[d] === 0) touched[nt++] = d;
            acc[d]! += qw * weights[k]!;
          }
        }
        const tail = posts.tail(fi);
        if (tail) {
          const weights = posts.tailWeightsOf(fi);
          for (let k = 0; k < tail.length; k++) {
            const d = tail[k]!;
            if (acc[d] === 0) touched[nt++] = d;
            acc[d]! += qw * weights[k]!;
          }
        }
      }
      const cand = topIndices(touched, nt, acc, cfg.candidates);
      dense.load(qv.feats, qv.weights, qv.n, featIdf.length);
      for (let i = 0; i < nt; i++) acc[touched[i]!] = 0;
      const top: number[] = [];
      for (const d of cand) {
        const c = docClaim[d]!;
        dense.scoreRun(arena.cells, arena.keys, arena.start[d]!, arena.start[d + 1]!, arena.norm2[d]!);
        const { score, coverage } = dense;
        if (seen[c] === 0) {
          seen[c] = 1;
          top.push(c);
          best[c] = score;
          bestCov[c] = coverage;
        } else if (score > best[c]!) {
          best[c] = score;
          bestCov[c] = coverage;
        }
      }
      for (const c of top) seen[c] = 0;
      top.sort(byBest);
      top.length = Math.min(top.length, topK);
      const s1 = top.length ? best[top[0]!]! : 0;
      const s2 = top.length > 1 ? best[top[1]!]! : 0;
      const rule = cfg.confident;
      const confident =
        s1 >= rule.minScore &&
        s1 - s2 >= rule.minMargin &&
        (top.length ? bestCov[top[0]!]! : 0) >= rule.minCoverage;
      dense.clear();
      if (wordFeats.length < q.prefixes.length) wordFeats = new Int32Array(2 * q.prefixes.length);
      for (let i = 0; i < q.prefixes.length; i++) wordFeats[i] = featId.get(q.prefixes[i]!);
      const lowered: string[] = [];
      return top.map((c, i) => ({
        claimId: ids[c]!,
        score: Math.round(best[c]! * 1000) / 1000,
        confident: i === 0 && confident,
        terms: termsOf(c, q, norm, lowered),
        coverage: Math.round(bestCov[c]! * 1000) / 1000,
      }));
    },
  };
}
export type ClaimIndex = ReturnType<typeof createClaimIndex>;
