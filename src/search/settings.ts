import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../domain/errors.js';
import type { IndexName } from './types.js';

const attrs = z.array(z.string().min(1));
const words = z.array(z.string().trim().min(1));

/** One index's settings file (`config/meilisearch/<index>.json`): Meilisearch settings plus two file references. */
export const indexSettingsFileSchema = z.looseObject({
  searchableAttributes: attrs.min(1),
  displayedAttributes: attrs.min(1),
  filterableAttributes: attrs,
  sortableAttributes: attrs,
  rankingRules: attrs.optional(),
  localizedAttributes: z
    .array(
      z.object({ attributePatterns: attrs.min(1), locales: z.array(z.string().regex(/^[a-z]{3}$/)).min(1) }),
    )
    .optional(),
  stopWords: words.optional(),
  /** A stop-word file in the same directory (see `wordListFileSchema`); merged with `stopWords`. */
  stopWordsFile: z.string().min(1).optional(),
  synonyms: z.record(z.string().min(1), words).optional(),
  /** A synonym-group file in the same directory (see `synonymGroupsFileSchema`); merged with `synonyms`. */
  synonymsFile: z.string().min(1).optional(),
  typoTolerance: z.looseObject({}).optional(),
  pagination: z.object({ maxTotalHits: z.number().int().positive() }),
  faceting: z.object({
    maxValuesPerFacet: z.number().int().positive(),
    sortFacetValuesBy: z.record(z.string(), z.enum(['alpha', 'count'])).optional(),
  }),
});

/** A word list: a plain array, or `{ words: [...] }` with provenance fields beside it. */
export const wordListFileSchema = z.union([words, z.looseObject({ words })]);

/** Mutual synonym groups: every entry of a group finds the others. */
export const synonymGroupsFileSchema = z.looseObject({ groups: z.array(words.min(2)) });

/** Settings as sent to Meilisearch (file references resolved). */
export type IndexSettings = Omit<
  z.infer<typeof indexSettingsFileSchema>,
  'stopWordsFile' | 'synonymsFile'
> & {
  stopWords: string[];
  synonyms: Record<string, string[]>;
};

export type SearchSettings = Record<IndexName, IndexSettings>;

const INDEX_NAMES: readonly IndexName[] = ['items', 'responses'];

async function readJson<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`search settings: cannot read ${path}: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      `search settings: invalid ${path}: ${z.prettifyError(parsed.error)}`,
      parsed.error.issues,
    );
  }
  return parsed.data;
}

/** Expands mutual groups into Meilisearch's one-way map, lowercased, without self-references. */
export function expandSynonymGroups(groups: string[][]): Record<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const group of groups) {
    const norm = group.map((w) => w.toLocaleLowerCase('tr'));
    for (const w of norm) {
      const set = out.get(w) ?? new Set<string>();
      for (const other of norm) if (other !== w) set.add(other);
      out.set(w, set);
    }
  }
  return Object.fromEntries([...out].map(([k, v]) => [k, [...v]]));
}

async function loadOne(dir: string, name: IndexName): Promise<IndexSettings> {
  const { stopWordsFile, synonymsFile, ...file } = await readJson(
    join(dir, `${name}.json`),
    indexSettingsFileSchema,
  );
  const stopWords = new Set(file.stopWords ?? []);
  if (stopWordsFile) {
    const list = await readJson(join(dir, stopWordsFile), wordListFileSchema);
    for (const w of Array.isArray(list) ? list : list.words) stopWords.add(w.normalize('NFC'));
  }
  const synonyms: Record<string, string[]> = {};
  if (synonymsFile) {
    const { groups } = await readJson(join(dir, synonymsFile), synonymGroupsFileSchema);
    Object.assign(synonyms, expandSynonymGroups(groups));
  }
  Object.assign(synonyms, file.synonyms ?? {});
  // A stop word inside a multi-word synonym makes Meilisearch drop the synonym silently.
  const broken = Object.entries(synonyms)
    .flatMap(([k, vs]) => [k, ...vs])
    .filter((phrase) => phrase.split(/\s+/).some((w) => stopWords.has(w)));
  if (broken.length > 0) {
    throw new ConfigError(
      `search settings: ${name}: synonyms contain stop words: ${[...new Set(broken)].join(', ')}`,
    );
  }
  return { ...file, stopWords: [...stopWords].sort(), synonyms };
}

/** The folder holding the settings: `configDir` itself, or its `meilisearch/` sub-folder (the app's CONFIG_DIR). */
export function settingsDir(configDir: string): string {
  const sub = resolve(configDir, 'meilisearch');
  return existsSync(join(sub, 'items.json')) ? sub : resolve(configDir);
}

/**
 * Loads and validates the Meilisearch settings of every index from `configDir`
 * (`items.json`, `responses.json` and the word-list files they reference; see `settingsDir`).
 * Throws ConfigError naming the file and the invalid fields.
 */
export async function loadSearchSettings(configDir: string): Promise<SearchSettings> {
  const dir = settingsDir(configDir);
  const entries = await Promise.all(INDEX_NAMES.map(async (n) => [n, await loadOne(dir, n)] as const));
  return Object.fromEntries(entries) as SearchSettings;
}
