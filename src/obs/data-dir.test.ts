import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createErrorHandler } from '../web/errors.js';
import { assertDataDirWritable, dataDirCheck, isStorageError } from './data-dir.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'kopru-datadir-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('DATA_DIR checks', () => {
  it('a usable directory passes, and is created when missing', async () => {
    await assertDataDirWritable(join(tmp, 'new', 'data'));
    await dataDirCheck(join(tmp, 'new', 'data'))();
  });

  it('an unusable DATA_DIR stops start-up with a message naming the setting, not a stack trace', async () => {
    const file = join(tmp, 'not-a-dir');
    await writeFile(file, 'x');
    await expect(assertDataDirWritable(file)).rejects.toThrow(
      `DATA_DIR (${file}) cannot be used: it is a file, not a directory. Set DATA_DIR to a writable directory with free space.`,
    );
    // sysfs refuses new directories even to root.
    await expect(assertDataDirWritable('/sys/kopru-data')).rejects.toThrow(
      /^DATA_DIR \(\/sys\/kopru-data\) cannot be used: [^\n]+ Set DATA_DIR to a writable directory/,
    );
  });

  it('readiness fails with the free space when the disk is nearly full', async () => {
    await expect(dataDirCheck(tmp, Number.MAX_SAFE_INTEGER)()).rejects.toThrow(
      /storage: DATA_DIR \(.+\): only \d+ MB free on the disk/,
    );
  });

  it('a full or read-only disk is answered 503 with Retry-After, not 500', async () => {
    const logged: string[] = [];
    const app = new Hono();
    app.onError(
      createErrorHandler({
        error: (_o: unknown, m: string) => logged.push(m),
        warn: () => undefined,
      } as never),
    );
    app.get('/full', () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    app.get('/pg-full', () => {
      throw Object.assign(new Error('could not extend file'), { code: '53100' });
    });
    for (const path of ['/full', '/pg-full']) {
      const res = await app.request(path);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('60');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('storage_unavailable');
    }
    expect(logged[0]).toContain('storage full or read-only');
    expect(isStorageError(new Error('other'))).toBe(false);
  });
});
