/** Logical index names; adapters add a configurable prefix (tests use random ones). */
export type IndexName = 'items' | 'responses';

export interface SearchQuery {
  q?: string;
  /** Meilisearch filter expression(s). */
  filter?: string | (string | string[])[];
  limit?: number;
  offset?: number;
  facets?: string[];
  sort?: string[];
  /** Attributes to highlight (wrapped in <mark>…</mark> in `_formatted`). */
  highlight?: string[];
  /** Query languages (ISO 639-3); the Meilisearch adapter defaults to `['tur']`. */
  locales?: string[];
  /** Return only these attributes (default: all displayed attributes). */
  attributesToRetrieve?: string[];
}

export interface SearchResult<T = Record<string, unknown>> {
  hits: T[];
  total: number;
  facets: Record<string, Record<string, number>>;
  processingTimeMs: number;
}

export type SearchDocument = { id: string } & Record<string, unknown>;

/**
 * The SearchIndex port: a rebuildable projection of PostgreSQL.
 * All writes wait until the engine has applied them (so "accepted" can become "searchable" deterministically).
 */
export interface SearchIndex {
  /** Creates the indexes if missing and applies the settings from config/. Idempotent. */
  ensureIndexes(): Promise<void>;
  upsert(index: IndexName, docs: SearchDocument[]): Promise<void>;
  remove(index: IndexName, ids: string[]): Promise<void>;
  search<T = Record<string, unknown>>(index: IndexName, query: SearchQuery): Promise<SearchResult<T>>;
  /**
   * Rebuilds an index from scratch without downtime: fills a fresh index from the batches,
   * then swaps it in atomically and deletes the old one. Returns the document count.
   */
  rebuild(index: IndexName, batches: AsyncIterable<SearchDocument[]>): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
