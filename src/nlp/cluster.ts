import { z } from 'zod';
import { createMinHash, decodeSignature, encodeSignature, fnv1a, similarity } from './minhash.js';
import type { Normalised } from './normalise.js';

/** config/nlp/cluster.json: MinHash + LSH parameters. */
export const clusterConfigSchema = z.object({
  hashes: z.number().int().min(8).max(256).default(64),
  bands: z.number().int().min(1).default(21),
  rows: z.number().int().min(1).default(3),
  /** Minimum estimated Jaccard similarity (word bigrams) to join a cluster. */
  threshold: z.number().min(0).max(1).default(0.45),
  /** Signatures kept in memory; the oldest are forgotten first. */
  maxEntries: z.number().int().min(100).default(300_000),
});
export type ClusterConfig = z.infer<typeof clusterConfigSchema>;

interface Member {
  clusterKey: string;
  sig: Uint32Array;
  id?: string;
}

/** Word-bigram shingles of the content tokens (links, mentions and emoji left out: they vary between copies). */
export function shingles(norm: Normalised): Set<number> {
  const words: string[] = [];
  for (const t of norm.tokens)
    if (t.kind === 'word' || t.kind === 'hashtag' || t.kind === 'number') words.push(t.text);
  const out = new Set<number>();
  if (words.length < 3) for (const w of words) out.add(fnv1a(w));
  // fnv1a(`${a} ${b}`) without building the string (the values are stored with signatures).
  for (let i = 1; i < words.length; i++) out.add(fnvPair(words[i - 1]!, words[i]!));
  return out;
}

function fnvPair(a: string, b: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 32, 0x01000193);
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * In-memory near-duplicate index (MinHash + LSH bands). An item joins the
 * cluster of the most similar earlier member above the threshold, otherwise it
 * opens a cluster keyed by its own id: the key of a cluster is the id of its
 * first member and never changes.
 */
export function createClusterIndex(config: Partial<ClusterConfig> = {}) {
  const cfg = clusterConfigSchema.parse(config);
  const minhash = createMinHash(cfg.hashes);
  const members = new Map<number, Member>();
  const bandIndex = new Map<number, number>();
  const byId = new Map<string, number>();
  let next = 0;

  // A band's key is a 30-bit number mixed from two hashes of the band number and its
  // rows: a small integer, so no string or heap number per band (×1.15–1.2 tagging).
  // Two bands that collide only cost a similarity check that then fails, or hide one of
  // an item's 21 bands; the similarity threshold still decides.
  const bandKeys = (sig: Uint32Array): number[] => {
    const keys: number[] = [];
    for (let b = 0; b < cfg.bands; b++) {
      let h1 = Math.imul(0x811c9dc5 ^ b, 0x01000193);
      let h2 = Math.imul(0x9e3779b9 ^ b, 0x85ebca6b);
      for (let r = 0; r < cfg.rows; r++) {
        const v = sig[b * cfg.rows + r] ?? 0;
        h1 = Math.imul(h1 ^ v, 0x01000193);
        h2 = Math.imul(h2 ^ v, 0xc2b2ae35);
        h2 ^= h2 >>> 15;
      }
      keys.push((h1 ^ (h2 >>> 7)) & 0x3fffffff);
    }
    return keys;
  };

  const register = (clusterKey: string, sig: Uint32Array, keys: number[], id?: string) => {
    const m = next++;
    members.set(m, { clusterKey, sig, id });
    if (id) byId.set(id, m);
    for (const k of keys) {
      const prev = bandIndex.get(k);
      if (prev === undefined || !members.has(prev)) bandIndex.set(k, m);
    }
    if (members.size > cfg.maxEntries) {
      const oldest = members.keys().next().value as number;
      const gone = members.get(oldest);
      if (gone?.id && byId.get(gone.id) === oldest) byId.delete(gone.id);
      members.delete(oldest);
    }
  };

  return {
    /** Signature of a text, for storage beside its cluster key. */
    signature(norm: Normalised): Uint32Array {
      return minhash.sign(shingles(norm));
    },
    /** Assigns (and remembers) the cluster of an item; the same id always gets the same key. */
    assign(id: string, sig: Uint32Array): string {
      const known = byId.get(id);
      if (known !== undefined && members.has(known)) return members.get(known)!.clusterKey;
      const keys = bandKeys(sig);
      let best: Member | null = null;
      let bestSim = cfg.threshold;
      const seen = new Set<number>();
      for (const k of keys) {
        const m = bandIndex.get(k);
        if (m === undefined || seen.has(m)) continue;
        seen.add(m);
        const member = members.get(m);
        if (!member) continue;
        const s = similarity(sig, member.sig);
        if (s >= bestSim) {
          bestSim = s;
          best = member;
        }
      }
      const clusterKey = best ? best.clusterKey : id;
      register(clusterKey, sig, keys, id);
      return clusterKey;
    },
    /** Loads stored (clusterKey, signature) pairs, e.g. at worker start. */
    seed(entries: Array<{ clusterKey: string; signature: number[] | string }>): void {
      for (const e of entries) {
        const sig = decodeSignature(e.signature);
        register(e.clusterKey, sig, bandKeys(sig));
      }
    },
    encode: encodeSignature,
    get size() {
      return members.size;
    },
  };
}
export type ClusterIndex = ReturnType<typeof createClusterIndex>;
