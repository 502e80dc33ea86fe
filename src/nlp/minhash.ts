/** 32-bit FNV-1a hash of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Creates a MinHash signer with `k` seeded permutations (fixed seeds: signatures are stable across runs). */
export function createMinHash(k = 64) {
  const a = new Uint32Array(k);
  const b = new Uint32Array(k);
  for (let i = 0; i < k; i++) {
    a[i] = (mix(i * 2 + 1) | 1) >>> 0;
    b[i] = mix(i * 2 + 2);
  }
  return {
    k,
    /** Signature of a set of shingle hashes; an empty set gets all-max values. */
    sign(shingles: Iterable<number>): Uint32Array {
      const sig = new Uint32Array(k).fill(0xffffffff);
      for (const s of shingles) {
        for (let i = 0; i < k; i++) {
          const h = mix((Math.imul(a[i]!, s) + b[i]!) >>> 0);
          if (h < sig[i]!) sig[i] = h;
        }
      }
      return sig;
    },
  };
}

/** Estimated Jaccard similarity of two signatures. */
export function similarity(x: Uint32Array, y: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) same++;
  return same / x.length;
}

/** Compact text form of a signature (base64 of the little-endian words). */
export function encodeSignature(sig: Uint32Array): string {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('base64');
}

/** Parses a signature from its base64 form or a number array. */
export function decodeSignature(sig: number[] | string): Uint32Array {
  if (typeof sig !== 'string') return Uint32Array.from(sig);
  const buf = Buffer.from(sig, 'base64');
  const out = new Uint32Array(buf.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}
