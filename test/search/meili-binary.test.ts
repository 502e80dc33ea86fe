import { copyFile, mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/domain/errors.js';
import { resolveMeiliBinary, startLocalMeili } from '../../src/search/local-meili.js';
import { bundledMeiliPackage, bundledMeiliPath, sha256File } from '../../src/search/meili-binary.js';
import { serviceAvailable } from '../helpers/env.js';

const entry = bundledMeiliPackage();
const bundled = entry && bundledMeiliPath(entry);
const available = await serviceAvailable('bundled meilisearch binary', async () => {
  if (!bundled)
    throw new Error(`no pinned Meilisearch package installed for ${process.platform}-${process.arch}`);
});

describe.skipIf(!available)('the bundled Meilisearch binary', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kopru-meili-bin-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is the pinned package and matches its recorded SHA-256', async () => {
    expect(resolveMeiliBinary()).toBe(bundled);
    expect(await sha256File(bundled!)).toBe(entry!.sha256);
  });

  it('a copy with one changed byte is refused before it runs', async () => {
    const tampered = join(dir, 'meilisearch');
    await copyFile(bundled!, tampered);
    const fh = await open(tampered, 'r+');
    try {
      const byte = Buffer.alloc(1);
      await fh.read(byte, 0, 1, 4096);
      await fh.write(Buffer.from([byte[0]! ^ 0xff]), 0, 1, 4096);
    } finally {
      await fh.close();
    }
    const dataDir = join(dir, 'data');
    const start = startLocalMeili({ dataDir, bin: tampered, expectedSha256: entry!.sha256 });
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    const actual = await sha256File(tampered);
    await expect(start).rejects.toThrow(
      `Meilisearch binary ${tampered} has SHA-256 ${actual}, expected ${entry!.sha256}`,
    );
    // Refused before spawning: the engine never created its database.
    expect(await readdir(join(dataDir, 'meili', 'data'))).toEqual([]);
  });

  it('the unmodified binary is checked and starts', async () => {
    const meili = await startLocalMeili({ dataDir: join(dir, 'ok') });
    try {
      const client = new Meilisearch({ host: meili.url, apiKey: meili.masterKey });
      expect((await client.health()).status).toBe('available');
      expect((await client.getVersion()).pkgVersion).toBe(entry!.meilisearch);
    } finally {
      await meili.stop();
    }
  });
});
