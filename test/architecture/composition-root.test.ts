/**
 * The composition root (src/app.ts) is the only place that builds adapters and
 * stores: features, pipeline stages and CLI commands receive them. This scans
 * the source for calls of the store and adapter factories anywhere else.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Factories of stores (every `create*Store` and the audit log) and of the database, queue, search and rate-limit adapters. */
const FACTORY =
  /\b(create\w*Store|createStores|createAuditLog|createDatabase|createPgDatabase|createPgliteDatabase|createQueue|createBullMqQueue|createMemoryQueue|createSearch|createMeiliSearchIndex|startLocalMeili|createRateLimits|createRedisRateLimits)\s*\(/g;

/** Where such calls belong: the root, and each port's own factory that picks an adapter. */
const ALLOWED = new Set([
  'src/app.ts',
  'src/store/create-stores.ts',
  'src/queue/index.ts',
  'src/search/index.ts',
  'src/web/auth/redis-rate-limit.ts',
]);
/** Non-database helpers named like stores (a file of import checkpoints). */
const NOT_A_STORE = new Set(['createCheckpointStore']);

describe('composition root', () => {
  it('no module outside the composition root constructs a store or an adapter', () => {
    const offenders: string[] = [];
    for (const file of [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'workers'))]) {
      const rel = relative(root, file);
      if (ALLOWED.has(rel)) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(FACTORY)) {
        const name = m[1] ?? '';
        if (NOT_A_STORE.has(name)) continue;
        const line = text.slice(0, m.index).split('\n').length;
        const before = text.slice(text.lastIndexOf('\n', m.index) + 1, m.index);
        // The factory's own definition is not a construction.
        if (/\bfunction\s*$/.test(before)) continue;
        // Inside the store layer a store may use another one on the same transaction (`createAuditLog(tx)`),
        // and the database factory picks its adapter.
        if (
          rel.startsWith('src/store/') &&
          /\(tx\)|createPg(lite)?Database/.test(text.slice(m.index, m.index + 40))
        )
          continue;
        offenders.push(`${rel}:${line} ${name}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('finds a construction where there should be none (the scan itself works)', () => {
    const sample = 'const s = createReviewStore(deps.db);\nconst q = createQueue({});';
    expect([...sample.matchAll(FACTORY)].map((m) => m[1])).toEqual(['createReviewStore', 'createQueue']);
  });
});
