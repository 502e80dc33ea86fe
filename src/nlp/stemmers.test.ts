import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { turkishStemmer } from './stemmers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EVAL_PACKAGES = /node_modules\/(snowball-stemmers|@nlpjs)\//;

/** Runs an ES module snippet under tsx in a fresh process and returns its stdout. */
async function runChild(code: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', code],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent' } },
  );
  return stdout.trim();
}

const loadedModules = `const { createRequire } = await import('node:module');
const cache = createRequire(import.meta.url)('node:module')._cache;`;

describe('turkishStemmer', () => {
  it('the tagger loads neither evaluation-only stemmer package', async () => {
    const out = await runChild(
      `await import('./src/nlp/tagger.ts'); ${loadedModules} console.log(JSON.stringify(Object.keys(cache)));`,
    );
    const files: string[] = JSON.parse(out);
    // The listing is real: a CommonJS package the tagger does use is in it.
    expect(files.some((f) => f.includes('/node_modules/stopword/'))).toBe(true);
    expect(files.filter((f) => EVAL_PACKAGES.test(f))).toEqual([]);
  });

  it('loads snowball and nlp.js on demand and folds their output', () => {
    const snowball = turkishStemmer('snowball');
    const nlpjs = turkishStemmer('nlpjs');
    expect('surface' in snowball && snowball.surface).toBe(true);
    expect(snowball('kitapları')).toBe('kitap');
    expect(nlpjs('kitapları')).toBe('kitap');
    expect(snowball('çocuklar')).toBe('cocuk');
  });

  it('names the missing package when an evaluation stemmer is absent', async () => {
    const out = await runChild(`${loadedModules}
const M = createRequire(import.meta.url)('node:module');
const resolveFilename = M._resolveFilename;
M._resolveFilename = function (request, ...rest) {
  if (request === 'snowball-stemmers') throw Object.assign(new Error('not found'), { code: 'MODULE_NOT_FOUND' });
  return resolveFilename.call(this, request, ...rest);
};
const { turkishStemmer } = await import('./src/nlp/stemmers.ts');
console.log(turkishStemmer('light')('kitaplari'));
try { turkishStemmer('snowball'); } catch (err) { console.log(err.name, err.code, err.message); }`);
    const [light, error] = out.split('\n');
    expect(light).toBe('kitap');
    expect(error).toMatch(
      /^ConfigError config_invalid stemmer "snowball" needs the package snowball-stemmers/,
    );
  });
});
