import { describe, expect, it } from 'vitest';
import { formatLocal, localToUtc } from './publish-time.js';

describe('embargo times in Europe/Istanbul', () => {
  it('reads a datetime-local value as Istanbul time (UTC+3) and stores UTC', () => {
    expect(localToUtc('2030-05-01T14:30')?.toISOString()).toBe('2030-05-01T11:30:00.000Z');
    expect(localToUtc('2030-01-01T00:00:15')?.toISOString()).toBe('2029-12-31T21:00:15.000Z');
    expect(formatLocal('2030-05-01T11:30:00.000Z')).toBe('2030-05-01 14:30');
  });

  it('refuses values that are not a local date-time', () => {
    for (const bad of [
      '',
      'yarın',
      '2030-02-30T10:00',
      '2030-05-01 14:30',
      '2030-05-01T24:00',
      '2030-05-01T14:30Z',
    ])
      expect(localToUtc(bad)).toBeNull();
  });
});
