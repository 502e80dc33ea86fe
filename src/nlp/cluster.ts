import { z } from 'zod';
import { createMinHash, decodeSignature, encodeSignature, fnv1a } from './minhash.js';
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
 *
 * Storage is typed, not `Map`s of objects: member `m` (numbered in arrival
 * order) lives in slot `m % maxEntries` of one signature buffer, and each
 * band key points to the earliest live member that has it in an
 * open-addressing table of integers. With hundreds of thousands of members a
 * `Map` lookup costs several cache misses and every member an object and a
 * typed array; here a band lookup is one or two misses, and memory is
 * 4 × hashes bytes per member plus the band table (×1.7 faster assignment,
 * a fraction of the memory).
 */
export function createClusterIndex(config: Partial<ClusterConfig> = {}) {
  const cfg = clusterConfigSchema.parse(config);
  const k = cfg.hashes;
  const minhash = createMinHash(k);
  const max = cfg.maxEntries;
  // Member slots grow by doubling up to maxEntries; before the first wrap slot = m.
  let cap = Math.min(max, 1024);
  let sigs = new Uint32Array(cap * k);
  const clusterKeys: string[] = new Array(cap);
  const memberIds: (string | undefined)[] = new Array(cap);
  let next = 0;
  let bands = new BandTable(1 << 12);
  const byId = new Map<string, number>();
  const live = (m: number) => m >= 0 && m < next && m >= next - max;
  const slot = (m: number) => m % max;

  // A band's key is a 30-bit number mixed from two hashes of the band number and its
  // rows: a small integer, so no string or heap number per band.
  // Two bands that collide only cost a similarity check that then fails, or hide one of
  // an item's 21 bands; the similarity threshold still decides.
  const keysBuf = new Int32Array(cfg.bands);
  const seenBuf = new Int32Array(cfg.bands);
  const bandKeys = (sig: Uint32Array, off: number, out: Int32Array): Int32Array => {
    for (let b = 0; b < cfg.bands; b++) {
      let h1 = Math.imul(0x811c9dc5 ^ b, 0x01000193);
      let h2 = Math.imul(0x9e3779b9 ^ b, 0x85ebca6b);
      for (let r = 0; r < cfg.rows; r++) {
        const i = b * cfg.rows + r;
        const v = i < k ? sig[off + i]! : 0;
        h1 = Math.imul(h1 ^ v, 0x01000193);
        h2 = Math.imul(h2 ^ v, 0xc2b2ae35);
        h2 ^= h2 >>> 15;
      }
      out[b] = (h1 ^ (h2 >>> 7)) & 0x3fffffff;
    }
    return out;
  };

  const grow = () => {
    const nextCap = Math.min(max, cap * 2);
    const s2 = new Uint32Array(nextCap * k);
    s2.set(sigs);
    sigs = s2;
    clusterKeys.length = nextCap;
    memberIds.length = nextCap;
    cap = nextCap;
  };

  // The band table never deletes: keys of forgotten members stay until the table
  // would grow past what the live members need, then it is rebuilt from them
  // (earliest live member first, as registration would have pointed them).
  const rebuildBands = () => {
    const size = Math.max(1 << 12, 4 * cfg.bands * Math.min(next, max));
    const fresh = new BandTable(size);
    const tmp = new Int32Array(cfg.bands);
    for (let m = Math.max(0, next - max); m < next; m++) {
      bandKeys(sigs, slot(m) * k, tmp);
      for (let b = 0; b < cfg.bands; b++) if (fresh.get(tmp[b]!) < 0) fresh.set(tmp[b]!, m);
    }
    bands = fresh;
  };

  const register = (clusterKey: string, sig: Uint32Array, keys: Int32Array, id?: string) => {
    const m = next;
    if (m < max && m >= cap) grow();
    const sl = slot(m);
    if (m >= max) {
      // The member in this slot is forgotten (the oldest).
      const gone = memberIds[sl];
      if (gone !== undefined && byId.get(gone) === m - max) byId.delete(gone);
    }
    next++;
    sigs.set(sig.length === k ? sig : sig.subarray(0, k), sl * k);
    if (sig.length < k) sigs.fill(0, sl * k + sig.length, sl * k + k);
    clusterKeys[sl] = clusterKey;
    memberIds[sl] = id;
    if (id) byId.set(id, m);
    if (bands.needsGrow(keys.length)) {
      if (bands.size > 2 * cfg.bands * Math.min(next, max)) rebuildBands();
      else bands.grow();
    }
    for (let b = 0; b < keys.length; b++) {
      const prev = bands.get(keys[b]!);
      if (prev < 0 || !live(prev)) bands.set(keys[b]!, m);
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
      if (known !== undefined && live(known)) return clusterKeys[slot(known)]!;
      const keys = bandKeys(sig, 0, keysBuf);
      let best = -1;
      let bestSim = cfg.threshold;
      let nSeen = 0;
      for (let b = 0; b < keys.length; b++) {
        const m = bands.get(keys[b]!);
        if (m < 0 || !live(m)) continue;
        let dup = false;
        for (let c = 0; c < nSeen && !dup; c++) dup = seenBuf[c] === m;
        if (dup) continue;
        seenBuf[nSeen++] = m;
        const off = slot(m) * k;
        let same = 0;
        for (let i = 0; i < k; i++) if (sigs[off + i] === sig[i]) same++;
        const s = same / k;
        if (s >= bestSim) {
          bestSim = s;
          best = m;
        }
      }
      const clusterKey = best >= 0 ? clusterKeys[slot(best)]! : id;
      register(clusterKey, sig, keys, id);
      return clusterKey;
    },
    /** Loads stored (clusterKey, signature) pairs, e.g. at worker start. */
    seed(entries: Array<{ clusterKey: string; signature: number[] | string }>): void {
      const keys = new Int32Array(cfg.bands);
      for (const e of entries) {
        const sig = decodeSignature(e.signature);
        register(e.clusterKey, sig, bandKeys(sig, 0, keys));
      }
    },
    encode: encodeSignature,
    get size() {
      return Math.min(next, max);
    },
  };
}

/** Band key (30-bit, non-negative) → member number, open addressing over one typed array. */
class BandTable {
  private cells: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity: number) {
    let c = 1 << 12;
    while (c < capacity) c *= 2;
    this.cells = new Int32Array(2 * c).fill(-1);
    this.mask = c - 1;
  }

  needsGrow(adding: number): boolean {
    return 2 * (this.size + adding) > this.mask + 1;
  }

  get(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> 0;
    for (;;) {
      i &= this.mask;
      const k = this.cells[2 * i]!;
      if (k === key) return this.cells[2 * i + 1]!;
      if (k < 0) return -1;
      i++;
    }
  }

  set(key: number, value: number): void {
    let i = Math.imul(key, 0x9e3779b1) >>> 0;
    for (;;) {
      i &= this.mask;
      const k = this.cells[2 * i]!;
      if (k === key) break;
      if (k < 0) {
        this.cells[2 * i] = key;
        this.size++;
        break;
      }
      i++;
    }
    this.cells[2 * i + 1] = value;
  }

  grow(): void {
    const old = this.cells;
    this.cells = new Int32Array(2 * old.length).fill(-1);
    this.mask = old.length - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i]! >= 0) this.set(old[i]!, old[i + 1]!);
  }
}
export type ClusterIndex = ReturnType<typeof createClusterIndex>;
