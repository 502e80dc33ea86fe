import type { ApplicationType, ItemKind, ItemStatus, Tag, TagResult } from '../domain/item.js';
import type { PublishedResponse } from '../domain/published-response.js';

/** Logical index names; adapters add a configurable prefix (tests use random ones). */
export type IndexName = 'items' | 'responses';

/**
 * A document of the staff `items` index (built by `toItemDocument`): redacted
 * text only, never applicant identity. Times as epoch seconds (sortable) and ISO.
 */
export interface ItemDocument {
  id: string;
  kind: ItemKind;
  text: string;
  subject: string | null;
  source: string;
  appType: ApplicationType | null;
  author: string | null;
  url: string | null;
  lang: string;
  province: string | null;
  provinces: string[];
  /** Tag families plus manual labels (the facet). */
  tags: string[];
  labels: string[];
  assignee: string | null;
  tagDetails: Tag[];
  risk: number;
  checkWorthiness: number;
  flagged: boolean;
  reasons: string[];
  /** The reasons in English. */
  reasonsEn: string[];
  matches: TagResult['matches'];
  status: ItemStatus;
  stage: 'indexed';
  clusterKey: string;
  duplicateCount: number;
  createdAt: number | null;
  createdAtIso: string;
  occurredAt: number | null;
  occurredAtIso: string;
}

/** The document type of each index. */
export interface IndexDocuments {
  items: ItemDocument;
  responses: PublishedResponse;
}

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

/** Any index's document. */
export type SearchDocument = IndexDocuments[IndexName];

/**
 * The SearchIndex port: a rebuildable projection of PostgreSQL.
 * All writes wait until the engine has applied them (so "accepted" can become "searchable" deterministically).
 */
export interface SearchIndex {
  /** Creates the indexes if missing and applies the settings from config/. Idempotent. */
  ensureIndexes(): Promise<void>;
  upsert<I extends IndexName>(index: I, docs: IndexDocuments[I][]): Promise<void>;
  remove(index: IndexName, ids: string[]): Promise<void>;
  search<T = Record<string, unknown>>(index: IndexName, query: SearchQuery): Promise<SearchResult<T>>;
  /**
   * Rebuilds an index from scratch without downtime: fills a fresh index from the batches,
   * then swaps it in atomically and deletes the old one. Returns the document count.
   */
  rebuild<I extends IndexName>(index: I, batches: AsyncIterable<IndexDocuments[I][]>): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
