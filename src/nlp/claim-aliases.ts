const CAPITALISED_RUN = /(?:\p{Lu}[\p{Ll}']+[ \t]+){1,5}\p{Lu}[\p{Ll}']+/gu;

/**
 * Acronyms of capitalised multi-word names in a text ("Dünya Sağlık Örgütü" →
 * "DSÖ", "Türk Tabipleri Birliği" → "TTB"), so a post that writes the
 * acronym meets a claim that spells the name out.
 */
export function acronyms(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(CAPITALISED_RUN)) {
    const words = m[0].split(/[ \t]+/);
    out.add(words.map((w) => w[0]).join(''));
  }
  return [...out];
}

/** The text indexed for a claim: its wording, its aliases and the acronyms of its names. */
export function claimDocumentText(claim: { text: string; aliases?: string[] }, withAcronyms = true): string {
  const parts = [claim.text, ...(claim.aliases ?? [])];
  if (withAcronyms) parts.push(...acronyms(claim.text));
  return parts.join('\n');
}
