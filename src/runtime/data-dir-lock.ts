import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConflictError } from '../domain/errors.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite belongs to one process: embedded mode takes an exclusive lock file in
 * DATA_DIR, and a second process (a CLI command while the server runs) gets a
 * clear error instead of corrupting the database.
 */
export function acquireDataDirLock(dataDir: string, what: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'kopru.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, what, at: new Date().toISOString() }), {
        flag: 'wx',
      });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: { pid?: number; what?: string } = {};
      try {
        holder = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        // An unreadable lock is a leftover of a crash; replace it.
      }
      if (holder.pid && holder.pid !== process.pid && alive(holder.pid)) {
        throw new ConflictError(
          `DATA_DIR ${dataDir} is in use by process ${holder.pid} (${holder.what ?? 'unknown'}). ` +
            'In embedded mode stop the server first, or send the data through its HTTP API.',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new ConflictError(`could not lock DATA_DIR ${dataDir}`);
}
