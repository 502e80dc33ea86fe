import type { TagResult } from '../domain/item.js';

/**
 * Tag results handed from the tag stage to the index stage of the same process, so that the
 * index stage does not read back from the database what was just written. Each result carries
 * the item's version right after it was stored; the index stage takes it only if the item still
 * has that version (nothing changed it since: no edit, no erasure, no second tagging), and reads
 * the database otherwise. Bounded in count and age: with several workers an index batch may be
 * taken by another process, and what it never takes here must not pile up (a result not found
 * is simply read from the database).
 */
export function createTagHandoff(opts: { maxEntries?: number; maxAgeMs?: number; now?: () => number } = {}) {
  const maxEntries = opts.maxEntries ?? 10_000;
  const maxAgeMs = opts.maxAgeMs ?? 10_000;
  const now = opts.now ?? Date.now;
  // Insertion order is age order: put() re-inserts, so the first entry is always the oldest.
  const entries = new Map<string, { result: TagResult; version: number; at: number }>();
  const evict = (t: number) => {
    for (const [id, e] of entries) {
      if (entries.size <= maxEntries && t - e.at <= maxAgeMs) break;
      entries.delete(id);
    }
  };
  return {
    put(id: string, result: TagResult, version: number): void {
      const t = now();
      entries.delete(id);
      entries.set(id, { result, version, at: t });
      evict(t);
    },
    /** The result handed over for `id` if it was stored at `version`; the entry is used up either way. */
    take(id: string, version: number | undefined): TagResult | undefined {
      const e = entries.get(id);
      if (!e) return undefined;
      entries.delete(id);
      return e.version === version && now() - e.at <= maxAgeMs ? e.result : undefined;
    },
    get size() {
      return entries.size;
    },
  };
}

export type TagHandoff = ReturnType<typeof createTagHandoff>;
