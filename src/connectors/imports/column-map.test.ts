import { afterEach, describe, expect, it } from 'vitest';
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

describe('column mapping and the prototype chain', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });
  it('refuses --map fields with __proto__, constructor or prototype segments', () => {
    for (const spec of [
      'a=__proto__.polluted',
      'a=constructor.prototype.polluted',
      'a=x.prototype',
      'a=__proto__',
    ])
      expect(() => parseColumnMap(spec), spec).toThrow(/not allowed/);
  });
  it('reads only a column the record has, never an inherited member', () => {
    const map = parseColumnMap('__proto__=meta.p,constructor=meta.c,Mesaj=text');
    const out = applyColumnMap({ Mesaj: 'm' }, map);
    expect(out).toEqual({ text: 'm' });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
