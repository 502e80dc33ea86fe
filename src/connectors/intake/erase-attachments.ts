import type { IntakeStore } from '../../store/intake-store.js';
import type { AttachmentFiles } from './attachment-files.js';

/**
 * Removes the attachments of erased or expired applications: rows first, then
 * files, so a crash in between leaves only unreferenced files, never a row
 * pointing at nothing. Returns how many were removed.
 */
export async function eraseAttachments(
  deps: { store: Pick<IntakeStore, 'deleteAttachmentsOf'>; files: Pick<AttachmentFiles, 'remove'> },
  itemIds: string[],
): Promise<number> {
  const names = await deps.store.deleteAttachmentsOf(itemIds);
  await deps.files.remove(names);
  return names.length;
}
