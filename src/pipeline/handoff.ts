import type { TagResult } from '../domain/item.js';

/**
 * Tag results handed from the tag stage to the index stage of the same process, so that the
 * index stage does not read back from the database what was just written. Each result carries
 * the item's version right after it was stored; the index stage takes it only if the item still
 * has that version (nothing changed it since: no edit, no erasure, no second tagging), and reads
 * the database otherwise. Bounded: the oldest entries go first (an index batch on another worker
 * simply reads them).
 */
export function createTagHandoff(maxEntries = 50_000) {
  const entries = new Map<string, { result: TagResult; version: number }>();
  return {
    put(id: string, result: TagResult, version: number): void {
      entries.delete(id);
      entries.set(id, { result, version });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    /** The result handed over for `id` if it was stored at `version`; the entry is used up either way. */
    take(id: string, version: number | undefined): TagResult | undefined {
      const e = entries.get(id);
      if (!e) return undefined;
      entries.delete(id);
      return e.version === version ? e.result : undefined;
    },
    get size() {
      return entries.size;
    },
  };
}

export type TagHandoff = ReturnType<typeof createTagHandoff>;
