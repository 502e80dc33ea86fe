import type { Tag } from '../domain/item.js';
import type { Normalised, Token } from './normalise.js';
import type { PatternFamily, PatternFile } from './pattern-config.js';
import { asciiFold } from './text-view.js';

/** A compiled word sequence: each word is exact or a prefix. */
interface Term {
  words: Array<{ w: string; prefix: boolean }>;
  owner: number;
  /** The joined form of a multi-word term: only a hashtag may match it ("justin" is not "just in"). */
  joined?: boolean;
}

interface Owner {
  /** Rule id or `set:<name>`. */
  id: string;
  family: string | null;
  set: string | null;
  weight: number;
  requires: string[];
  unless: string[];
  context: boolean;
}

/** A family hit: a tag with its score and evidence in original offsets. */
export type FamilyHit = Tag;

/** Compiled pattern families; `match` is pure and allocation-light. */
export interface PatternMatcher {
  families: Map<string, PatternFamily>;
  match(norm: Normalised): FamilyHit[];
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Compiles lexicon files into a single matcher (later files add to or extend earlier families). */
export function compilePatterns(files: readonly PatternFile[]): PatternMatcher {
  const owners: Owner[] = [];
  const exact = new Map<string, Term[]>();
  const prefix = new Map<string, Term[]>();
  const prefixLens = new Set<number>();
  const regexes: Array<{ re: RegExp; owner: number }> = [];
  const urlRules: Array<{ host: string; owner: number }> = [];
  const families = new Map<string, PatternFamily>();

  const addTerm = (raw: string, owner: number) => {
    const words: Term['words'] = [];
    for (const chunk of raw.trim().split(/\s+/)) {
      const pieces = asciiFold(chunk).toLowerCase().replace(/'/g, '').match(WORD) ?? [];
      pieces.forEach((w, i) => {
        words.push({ w, prefix: i === pieces.length - 1 && chunk.endsWith('*') });
      });
    }
    if (words.length === 0) return;
    const variants: Term[] = [{ words, owner }];
    if (words.length > 1) {
      const last = words[words.length - 1]!;
      variants.push({
        words: [{ w: words.map((x) => x.w).join(''), prefix: last.prefix }],
        owner,
        joined: true,
      });
    }
    for (const t of variants) {
      const first = t.words[0]!;
      const target = first.prefix ? prefix : exact;
      const key = first.w;
      if (target === prefix) prefixLens.add(key.length);
      const list = target.get(key) ?? [];
      list.push(t);
      target.set(key, list);
    }
  };

  for (const file of files) {
    for (const [name, terms] of Object.entries(file.sets)) {
      const owner =
        owners.push({
          id: `set:${name}`,
          family: null,
          set: name,
          weight: 0,
          requires: [],
          unless: [],
          context: false,
        }) - 1;
      for (const t of terms) addTerm(t, owner);
    }
    for (const [name, fam] of Object.entries(file.families)) {
      const existing = families.get(name);
      families.set(
        name,
        existing
          ? {
              ...existing,
              labelEn: existing.labelEn ?? fam.labelEn,
              unless: [...new Set([...existing.unless, ...fam.unless])],
              rules: [...existing.rules, ...fam.rules],
            }
          : fam,
      );
      for (const rule of fam.rules) {
        const owner =
          owners.push({
            id: rule.id,
            family: name,
            set: null,
            weight: rule.weight ?? fam.weight,
            requires: rule.requires,
            unless: [...rule.unless, ...(fam.unless ?? [])],
            context: rule.role === 'context',
          }) - 1;
        for (const t of rule.terms) addTerm(t, owner);
        if (rule.regex) regexes.push({ re: new RegExp(rule.regex, 'gu'), owner });
        for (const h of rule.urls) urlRules.push({ host: h.toLowerCase(), owner });
      }
    }
  }
  const lens = [...prefixLens].sort((a, b) => a - b);

  function match(norm: Normalised): FamilyHit[] {
    const { tokens, view } = norm;
    const hits: Array<{ owner: number; start: number; end: number }> = [];
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      if (tok.kind === 'url') {
        for (const u of urlRules)
          if (hostOf(tok.text).endsWith(u.host)) hits.push({ owner: u.owner, ...span(tok) });
        continue;
      }
      const cands = exact.get(tok.text);
      if (cands) for (const t of cands) tryTerm(t, tokens, i, hits);
      if (tok.root !== tok.text) {
        const rc = exact.get(tok.root);
        if (rc) for (const t of rc) tryTerm(t, tokens, i, hits);
      }
      for (const L of lens) {
        if (L > tok.text.length) break;
        const pc = prefix.get(tok.text.slice(0, L));
        if (pc) for (const t of pc) tryTerm(t, tokens, i, hits);
      }
    }
    for (const { re, owner } of regexes) {
      re.lastIndex = 0;
      for (let m = re.exec(view.text); m; m = re.exec(view.text)) {
        hits.push({ owner, start: m.index, end: m.index + m[0].length });
        if (m[0].length === 0) re.lastIndex++;
      }
    }
    return resolve(hits, norm);
  }

  function resolve(
    hits: Array<{ owner: number; start: number; end: number }>,
    norm: Normalised,
  ): FamilyHit[] {
    if (hits.length === 0) return [];
    const setHits = new Map<string, Array<{ start: number; end: number }>>();
    for (const h of hits) {
      const o = owners[h.owner]!;
      if (!o.set) continue;
      const list = setHits.get(o.set);
      if (list) list.push(h);
      else setHits.set(o.set, [h]);
    }
    const byFamily = new Map<
      string,
      { rules: Map<string, number>; evidence: Tag['evidence']; signal: boolean }
    >();
    for (const h of hits) {
      const o = owners[h.owner]!;
      if (!o.family) continue;
      if (!hasAll(setHits, o.requires) || hasAny(setHits, o.unless)) continue;
      const f = byFamily.get(o.family) ?? { rules: new Map(), evidence: [], signal: false };
      byFamily.set(o.family, f);
      if (!o.context) f.signal = true;
      f.rules.set(o.id, o.weight);
      pushEvidence(f.evidence, o.id, h, norm);
      for (const s of o.requires)
        for (const sh of setHits.get(s)!) pushEvidence(f.evidence, `${o.id}/${s}`, sh, norm);
    }
    const out: FamilyHit[] = [];
    for (const [tag, f] of byFamily) {
      // Topic words alone are context, not a tag.
      if (!f.signal) continue;
      let miss = 1;
      for (const w of f.rules.values()) miss *= 1 - w;
      f.evidence.sort((a, b) => a.start - b.start || a.end - b.end);
      out.push({ tag, score: round(1 - miss), evidence: f.evidence });
    }
    return out.sort((a, b) => b.score - a.score || a.tag.localeCompare(b.tag));
  }

  return { families, match };
}

function tryTerm(
  t: Term,
  tokens: Token[],
  i: number,
  hits: Array<{ owner: number; start: number; end: number }>,
) {
  const n = t.words.length;
  if (i + n > tokens.length || (t.joined && tokens[i]!.kind !== 'hashtag')) return;
  for (let k = 1; k < n; k++) {
    const want = t.words[k]!;
    const tok = tokens[i + k]!;
    if (tok.kind === 'url' || tok.kind === 'emoji') return;
    if (want.prefix ? !tok.text.startsWith(want.w) : tok.text !== want.w && tok.root !== want.w) return;
  }
  hits.push({ owner: t.owner, start: tokens[i]!.start, end: tokens[i + n - 1]!.end });
}

function pushEvidence(
  ev: Tag['evidence'],
  rule: string,
  h: { start: number; end: number },
  norm: Normalised,
) {
  const start = norm.view.map[h.start]!;
  const end = norm.view.map[h.end]!;
  if (ev.some((e) => e.rule === rule && e.start === start && e.end === end)) return;
  ev.push({ rule, start, end });
}

function span(tok: Token) {
  return { start: tok.start, end: tok.end };
}

function hostOf(url: string): string {
  const m = /^(?:https?:\/\/)?([^/?#]+)/.exec(url);
  return m ? m[1]!.replace(/^www\./, '') : url;
}

function hasAll(m: Map<string, unknown>, keys: readonly string[]): boolean {
  for (const k of keys) if (!m.has(k)) return false;
  return true;
}

function hasAny(m: Map<string, unknown>, keys: readonly string[]): boolean {
  for (const k of keys) if (m.has(k)) return true;
  return false;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
