import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A file written to the attachment directory. */
export interface StoredFile {
  storedName: string;
  sha256: string;
  sizeBytes: number;
}

const NAME = /^[a-f0-9]{32}\.bin$/;

/**
 * Attachment bytes on disk under one directory (`DATA_DIR/attachments`; a shared
 * volume when several web processes run). Names are random and server-chosen,
 * never the client's; files are written owner-only and never executable.
 */
export function createAttachmentFiles(dir: string) {
  const pathOf = (storedName: string) => {
    if (!NAME.test(storedName)) throw new Error(`not an attachment name: ${storedName}`);
    return join(dir, storedName);
  };
  return {
    dir,
    /** Writes new bytes under a fresh random name ('wx': never overwrites). */
    async save(bytes: Uint8Array): Promise<StoredFile> {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const storedName = `${randomBytes(16).toString('hex')}.bin`;
      await writeFile(pathOf(storedName), bytes, { flag: 'wx', mode: 0o600 });
      return {
        storedName,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        sizeBytes: bytes.byteLength,
      };
    },
    /** Reads a stored file; a name that is not one of ours rejects (never a path outside `dir`). */
    read: async (storedName: string) => readFile(pathOf(storedName)),
    /** Removes files of a submission that was not stored; missing files are fine. */
    async remove(storedNames: string[]): Promise<void> {
      await Promise.all(storedNames.map((n) => rm(pathOf(n), { force: true })));
    },
  };
}
export type AttachmentFiles = ReturnType<typeof createAttachmentFiles>;
