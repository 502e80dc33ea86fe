import { describe, expect, it } from 'vitest';
import { anonymiseTagResult } from './anonymise.js';
import type { TagResult } from './item.js';

const result: TagResult = {
  lang: 'tr',
  langConfidence: 0.9,
  checkWorthiness: 0.7,
  risk: 0.4,
  flagged: true,
  reasons: ['pattern:urgency'],
  tags: [{ tag: 'urgency', score: 0.8, evidence: [{ rule: 'son-dakika', start: 0, end: 10 }] }],
  matches: [{ claimId: 'K1', score: 0.6 }],
  pii: [{ kind: 'phone', start: 20, end: 31 }],
  redactedText: 'SON DAKİKA [TELEFON] Ayşe Yılmaz aradı',
  clusterKey: 'c-1',
  signature: 'AAAA',
  entities: {
    provinces: ['İzmir'],
    districts: ['Konak (İzmir)'],
    institutions: ['AFAD'],
    people: ['Ayşe Yılmaz'],
  },
};

describe('anonymiseTagResult', () => {
  it('keeps what statistics need and drops everything derived from the text', () => {
    const a = anonymiseTagResult(result);
    expect(a).toMatchObject({
      lang: 'tr',
      checkWorthiness: 0.7,
      risk: 0.4,
      flagged: true,
      reasons: ['pattern:urgency'],
      matches: [{ claimId: 'K1', score: 0.6 }],
      clusterKey: 'c-1',
      redactedText: '',
      pii: [],
    });
    expect(a.tags).toEqual([{ tag: 'urgency', score: 0.8, evidence: [] }]);
    expect(a.entities).toEqual({
      provinces: ['İzmir'],
      districts: ['Konak (İzmir)'],
      institutions: ['AFAD'],
      people: [],
    });
    expect(a.signature).toBeUndefined();
    expect(JSON.stringify(a)).not.toContain('Yılmaz');
  });
});
