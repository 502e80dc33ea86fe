/** Accuracy of a language detector per language on labelled texts (pure). */
export function accuracyByLanguage(
  sample: Record<string, readonly string[]>,
  detect: (text: string, expected: string) => string,
): { perLanguage: Record<string, number>; overall: number; confusions: string[] } {
  const perLanguage: Record<string, number> = {};
  const confusions: string[] = [];
  let ok = 0;
  let total = 0;
  for (const [code, texts] of Object.entries(sample)) {
    let hits = 0;
    for (const t of texts) {
      const got = detect(t, code);
      if (got === code) hits++;
      else confusions.push(`${code}→${got}`);
    }
    perLanguage[code] = texts.length ? hits / texts.length : 0;
    ok += hits;
    total += texts.length;
  }
  return { perLanguage, overall: total ? ok / total : 0, confusions };
}
