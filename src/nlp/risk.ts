import { z } from 'zod';
import type { Tag } from '../domain/item.js';
import type { PatternFamily } from './pattern-config.js';
import { type LabelLang, type PatternLabels, patternLabels } from './pattern-labels.js';

/** config/nlp/risk.json: how the signals combine into risk and the flag. */
export const riskConfigSchema = z.object({
  flagThreshold: z.number().min(0).max(1).default(0.4),
  checkWorthinessWeight: z.number().min(0).max(1).default(0.7),
  /** Weight of a match to a known false / misleading claim. */
  debunkedMatchWeight: z.number().min(0).max(1).default(0.7),
  /** Verdicts that count as debunked (lower-case). */
  debunkedVerdicts: z
    .array(z.string())
    .default(['false', 'yanlis', 'yanlış', 'misleading', 'yaniltici', 'yanıltıcı']),
  /** Families whose hits only count when another family also fired (e.g. sensational alone is noise). */
  weakAlone: z.array(z.string()).default([]),
  /**
   * Official sources (link host suffixes such as `gov.tr`, or account handles): an institution's
   * own announcement is not impersonation, so that family is dropped for texts from them.
   */
  officialSources: z.array(z.string().min(2)).default(['gov.tr']),
});
export type RiskConfig = z.infer<typeof riskConfigSchema>;

/** Inputs of the risk decision. */
export interface RiskInput {
  tags: Tag[];
  checkWorthiness: number;
  debunkedMatch: { claimId: string; score: number } | null;
  families: Map<string, PatternFamily>;
  /** Labels of families and rules; built from `families` when absent. */
  labels?: PatternLabels;
  /** The text of a known claim (reasons name the debunked claim by its text, never by its id). */
  claimText?: (id: string) => string | undefined;
}

const TEXT = {
  tr: {
    always: 'her zaman denetçiye gider',
    cw: 'Doğrulanması gereken iddia olasılığı',
    debunked: 'Yanlışlanmış iddiaya benziyor',
    aClaim: 'bilinen bir iddia',
  },
  en: {
    always: 'always goes to a supervisor',
    cw: 'Likelihood of a claim worth checking',
    debunked: 'Resembles a debunked claim',
    aClaim: 'a known claim',
  },
} as const;

/**
 * Noisy-OR of the weighted signals; flagged above the threshold or on an always-flag family.
 * `reasons` are in `lang`, `reasonsEn` in English (API clients get both).
 */
export function assessRisk(
  cfg: RiskConfig,
  input: RiskInput,
  lang: LabelLang = 'tr',
): { risk: number; flagged: boolean; reasons: string[]; reasonsEn: string[] } {
  const labels = input.labels ?? patternLabels(input.families);
  let miss = 1;
  let alwaysFlag = false;
  const strong = input.tags.filter((t) => !cfg.weakAlone.includes(t.tag)).length;
  for (const t of input.tags) {
    const fam = input.families.get(t.tag);
    const weight = fam?.risk ?? 0.5;
    const alone = cfg.weakAlone.includes(t.tag) && strong === 0;
    miss *= 1 - weight * t.score * (alone ? 0.5 : 1);
    if (fam?.alwaysFlag) alwaysFlag = true;
  }
  miss *= 1 - cfg.checkWorthinessWeight * input.checkWorthiness;
  if (input.debunkedMatch) miss *= 1 - cfg.debunkedMatchWeight * Math.min(1, input.debunkedMatch.score);
  const risk = Math.round((1 - miss) * 1000) / 1000;
  return {
    risk,
    flagged: alwaysFlag || risk >= cfg.flagThreshold,
    reasons: riskReasons(input, labels, lang),
    reasonsEn: riskReasons(input, labels, 'en'),
  };
}

/** Why the risk is what it is, in one language: plain labels, percentages, the claim's text. */
export function riskReasons(input: RiskInput, labels: PatternLabels, lang: LabelLang): string[] {
  const text = TEXT[lang];
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const reasons: string[] = [];
  for (const t of input.tags) {
    const rules = uniq(t.evidence.map((e) => labels.rule(e.rule, lang))).join(', ');
    reasons.push(
      input.families.get(t.tag)?.alwaysFlag
        ? `${labels.family(t.tag, lang)}: ${text.always} (${rules})`
        : `${labels.family(t.tag, lang)} (${pct(t.score)}): ${rules}`,
    );
  }
  if (input.checkWorthiness >= 0.5) reasons.push(`${text.cw}: ${pct(input.checkWorthiness)}`);
  if (input.debunkedMatch) {
    const claim = input.claimText?.(input.debunkedMatch.claimId);
    const what = claim ? `“${excerpt(claim, 120)}”` : text.aClaim;
    reasons.push(`${text.debunked}: ${what} (${pct(input.debunkedMatch.score)})`);
  }
  return reasons;
}

function excerpt(s: string, n: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= n ? t : `${t.slice(0, n - 1).trimEnd()}…`;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** True when one of `sources` (links, handles, source names) is an official source of `cfg`. */
export function isOfficialSource(
  cfg: Pick<RiskConfig, 'officialSources'>,
  sources: readonly string[],
): boolean {
  const hosts = cfg.officialSources.filter((o) => !o.startsWith('@')).map((o) => o.toLowerCase());
  const handles = new Set(
    cfg.officialSources.filter((o) => o.startsWith('@')).map((o) => o.slice(1).toLowerCase()),
  );
  return sources.some((raw) => {
    const s = raw.trim().toLowerCase();
    const host = /^(?:https?:\/\/)?([^/?#\s]+)/.exec(s)?.[1]?.replace(/^www\./, '') ?? '';
    if (hosts.some((h) => host === h || host.endsWith(`.${h}`))) return true;
    const handle = /(?:^@|(?:twitter|x)\.com\/)([a-z0-9_]{1,30})/.exec(s)?.[1] ?? '';
    return handles.has(handle);
  });
}
