import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRecordFile, unflatten } from './record-file.js';

const polluted = () =>
  ({}) as Record<string, unknown> as { polluted?: unknown; hacked?: unknown } & Record<string, unknown>;

afterEach(() => {
  // Undo a pollution so one failing case does not leak into the others.
  delete (Object.prototype as Record<string, unknown>).polluted;
  delete (Object.prototype as Record<string, unknown>).hacked;
});

describe('unflatten (CSV headers to nested records)', () => {
  it('nests dotted columns and leaves empty cells out', () => {
    expect(unflatten({ text: ' t ', 'applicant.name': 'Ayşe', 'applicant.tckn': '' })).toEqual({
      text: 't',
      applicant: { name: 'Ayşe' },
    });
  });

  for (const header of [
    '__proto__.polluted',
    'constructor.prototype.polluted',
    'a.__proto__.polluted',
    'prototype',
  ])
    it(`refuses the header "${header}" and never writes to Object.prototype`, () => {
      expect(() => unflatten({ text: 't', [header]: 'yes' })).toThrow(/not allowed/);
      expect(polluted().polluted).toBeUndefined();
    });

  it('does not mistake an inherited member for a nested object (toString.x)', () => {
    expect(unflatten({ 'toString.x': '1' })).toEqual({ toString: { x: '1' } });
    expect(Object.prototype.toString).toBeTypeOf('function');
  });
});

describe('readRecordFile', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('turns every row of a CSV with a __proto__ header into an error by line, polluting nothing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kopru-csv-'));
    const file = join(dir, 'x.csv');
    await writeFile(file, 'source,text,__proto__.hacked\ns,bir,evet\ns,iki,evet\n');
    const out = [];
    for await (const r of readRecordFile(file)) out.push(r);
    expect(out).toEqual([
      { line: 2, error: expect.stringMatching(/column "__proto__\.hacked".*not allowed/) },
      { line: 3, error: expect.stringMatching(/not allowed/) },
    ]);
    expect(polluted().hacked).toBeUndefined();
  });
});
