import type { PatternFamily } from './pattern-config.js';

/** Languages labels exist in. */
export type LabelLang = 'tr' | 'en';

/** Human-readable names of pattern families and rules, so no raw code reaches a page. */
export interface PatternLabels {
  /** Label of a family code (`urgency` → "Aciliyet / silinmeden paylaş" or "Urgency / share before deleted"). */
  family(code: string, lang?: LabelLang): string;
  /** Label of a rule id as found in tag evidence (`tr.urgency.share_now/institution` reads as its rule). */
  rule(id: string, lang?: LabelLang): string;
}

const FALLBACK = { tr: 'Diğer örüntü', en: 'Other pattern' } as const;

/** Builds the label lookup from the compiled pattern families. */
export function patternLabels(families: ReadonlyMap<string, PatternFamily>): PatternLabels {
  const fams = new Map<string, { tr: string; en: string }>();
  const rules = new Map<string, { tr: string; en: string }>();
  for (const [code, fam] of families) {
    const label = { tr: fam.label, en: fam.labelEn ?? fam.label };
    fams.set(code, label);
    for (const r of fam.rules) rules.set(r.id, r.label ?? label);
  }
  return {
    family: (code, lang = 'tr') => (fams.get(code) ?? FALLBACK)[lang],
    rule: (id, lang = 'tr') => (rules.get(id.split('/')[0]!) ?? FALLBACK)[lang],
  };
}
