import { describe, expect, it } from 'vitest';
import { applyColumnMap, parseColumnMap } from './column-map.js';

describe('column mapping', () => {
  it('parses col=field pairs and renames columns, nested fields included; others stay as extras', () => {
    const map = parseColumnMap('Mesaj=text, Ad=applicant.name,Kanal=source');
    expect(map).toEqual([
      ['Mesaj', 'text'],
      ['Ad', 'applicant.name'],
      ['Kanal', 'source'],
    ]);
    expect(applyColumnMap({ Mesaj: 'm', Ad: 'Ayşe', Il: 'Bursa' }, map)).toEqual({
      text: 'm',
      applicant: { name: 'Ayşe' },
      Il: 'Bursa',
    });
  });
  it('rejects malformed entries', () => {
    expect(() => parseColumnMap('Mesaj')).toThrow(/column=field/);
    expect(() => parseColumnMap('a=b=c')).toThrow(/column=field/);
    expect(() => parseColumnMap('a=1x')).toThrow(/bad field name/);
  });
});
