import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMinHash, decodeSignature, encodeSignature, fnv1a, similarity } from './minhash.js';

const mh = createMinHash(64);
const set = (xs: number[]) => new Set(xs);

describe('minhash', () => {
  it('hashes strings with FNV-1a (reference values)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('is deterministic, order-independent, and gives identical sets similarity 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 1, maxLength: 50 }),
        (xs) => {
          const a = mh.sign(xs);
          expect(similarity(a, mh.sign([...xs].reverse()))).toBe(1);
          expect(similarity(a, createMinHash(64).sign(set(xs)))).toBe(1);
        },
      ),
    );
  });

  it('estimates Jaccard similarity within sampling error', () => {
    const a = Array.from({ length: 200 }, (_, i) => fnv1a(`w${i}`));
    const b = [...a.slice(0, 100), ...Array.from({ length: 100 }, (_, i) => fnv1a(`x${i}`))];
    // True Jaccard = 100 / 300.
    const est = similarity(mh.sign(a), mh.sign(b));
    expect(Math.abs(est - 1 / 3)).toBeLessThan(0.2);
    const disjoint = Array.from({ length: 200 }, (_, i) => fnv1a(`z${i}`));
    expect(similarity(mh.sign(a), mh.sign(disjoint))).toBeLessThan(0.15);
  });

  it('round-trips signatures through base64 and number arrays', () => {
    const sig = mh.sign([1, 2, 3]);
    expect(decodeSignature(encodeSignature(sig))).toEqual(sig);
    expect(decodeSignature(Array.from(sig))).toEqual(sig);
    expect(mh.sign([])).toEqual(new Uint32Array(64).fill(0xffffffff));
  });
});
