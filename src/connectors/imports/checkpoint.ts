import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const checkpointSchema = z.object({
  path: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  format: z.string(),
  kind: z.string(),
  /** Elements (by position) whose records are durably ingested. */
  committed: z.number().int().min(0),
  accepted: z.number().int().min(0),
  duplicates: z.number().int().min(0),
  rejected: z.number().int().min(0),
  skipped: z.number().int().min(0),
});
export type ImportCheckpoint = z.infer<typeof checkpointSchema>;

/**
 * Checkpoints of file imports, one JSON file per imported file in `dir`,
 * valid only for the same path, size, mtime, format and kind (a changed file
 * starts over). Written atomically (temp file + rename) after each committed chunk.
 */
export function createCheckpointStore(dir: string) {
  const fileOf = (path: string) =>
    join(dir, `${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 32)}.json`);

  return {
    /** The identity of `path` as it is now, for matching and writing checkpoints. */
    async identify(path: string, format: string, kind: string) {
      const s = await stat(path);
      return { path: resolve(path), size: s.size, mtimeMs: Math.trunc(s.mtimeMs), format, kind };
    },

    /** The checkpoint of this exact file version, or null. */
    async load(id: Pick<ImportCheckpoint, 'path' | 'size' | 'mtimeMs' | 'format' | 'kind'>) {
      const text = await readFile(fileOf(id.path), 'utf8').catch(() => null);
      if (!text) return null;
      const parsed = checkpointSchema.safeParse(JSON.parse(text));
      if (!parsed.success) return null;
      const c = parsed.data;
      const same =
        c.path === id.path &&
        c.size === id.size &&
        c.mtimeMs === id.mtimeMs &&
        c.format === id.format &&
        c.kind === id.kind;
      return same ? c : null;
    },

    async save(c: ImportCheckpoint) {
      await mkdir(dir, { recursive: true });
      const target = fileOf(c.path);
      await writeFile(`${target}.tmp`, JSON.stringify(c));
      await rename(`${target}.tmp`, target);
    },

    async clear(path: string) {
      await rm(fileOf(resolve(path)), { force: true });
    },
  };
}

export type CheckpointStore = ReturnType<typeof createCheckpointStore>;
