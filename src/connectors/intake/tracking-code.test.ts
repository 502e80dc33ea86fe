import { describe, expect, it } from 'vitest';
import { hashTrackingCode, newTrackingCode, normaliseTrackingCode } from './tracking-code.js';

describe('tracking codes', () => {
  it('are KPR plus three groups of four Crockford base32 characters, all different', () => {
    const codes = Array.from({ length: 500 }, newTrackingCode);
    for (const c of codes)
      expect(c).toMatch(/^KPR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every one of the 32 symbols shows up: the low five bits of a byte are uniform.
    expect(new Set(codes.join('').replace(/KPR|-/g, '')).size).toBe(32);
  });

  it('normalise what citizens type: case, spaces, hyphens, prefix, O/I/L look-alikes', () => {
    const c = 'KPR-7F3K-Q2MZ-9XHD';
    for (const typed of [c, 'kpr 7f3k q2mz 9xhd', '7F3KQ2MZ9XHD', ' kpr-7f3k-q2mz-9xhd '])
      expect(normaliseTrackingCode(typed)).toBe('7F3KQ2MZ9XHD');
    expect(normaliseTrackingCode('KPR-O0IL-0000-0000')).toBe('0011' + '0000' + '0000');
    for (const bad of ['', 'KPR-7F3K-Q2MZ', 'KPR-7F3K-Q2MZ-9XHU', 'KPR-7F3K-Q2MZ-9XHD-1', '<script>'])
      expect(normaliseTrackingCode(bad)).toBeNull();
  });

  it('are stored as a hash that does not contain the code', () => {
    const h = hashTrackingCode('7F3KQ2MZ9XHD');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).toBe(hashTrackingCode('7F3KQ2MZ9XHD'));
    expect(h).not.toBe(hashTrackingCode('7F3KQ2MZ9XHE'));
  });
});
