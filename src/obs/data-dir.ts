import { mkdir, statfs, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, UnavailableError } from '../domain/errors.js';

/** What an operator should read for a file-system error code (no stack trace). */
function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full';
  if (code === 'EACCES' || code === 'EPERM') return 'this process may not write there';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'it is a file, not a directory';
  return (err as Error).message;
}

async function probe(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `.write-test-${process.pid}`);
  await writeFile(file, 'ok');
  await unlink(file);
}

/** At start: DATA_DIR must be a writable directory; otherwise a message naming the setting. */
export async function assertDataDirWritable(dir: string): Promise<void> {
  try {
    await probe(dir);
  } catch (err) {
    throw new ConfigError(
      `DATA_DIR (${dir}) cannot be used: ${reason(err)}. Set DATA_DIR to a writable directory with free space.`,
    );
  }
}

/**
 * Readiness check for DATA_DIR (PGlite data, attachments, the embedded engine): it
 * can be written, and more than `minFreeBytes` are free.
 */
export function dataDirCheck(dir: string, minFreeBytes = 100 * 1024 * 1024) {
  return async () => {
    try {
      await probe(dir);
    } catch (err) {
      throw new UnavailableError('storage', `DATA_DIR (${dir}): ${reason(err)}`);
    }
    const fs = await statfs(dir).catch(() => null);
    if (fs) {
      const free = fs.bavail * fs.bsize;
      if (free < minFreeBytes)
        throw new UnavailableError(
          'storage',
          `DATA_DIR (${dir}): only ${Math.round(free / 1024 / 1024)} MB free on the disk`,
        );
    }
  };
}

/** Whether an error is the disk being full or read-only (answered 503, not 500). */
export const isStorageError = (err: unknown): boolean =>
  ['ENOSPC', 'EDQUOT', 'EROFS'].includes((err as NodeJS.ErrnoException)?.code ?? '') ||
  // PostgreSQL and PGlite: 53100 disk_full, 53000 insufficient_resources.
  ['53100'].includes((err as { code?: string })?.code ?? '');
