const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const entity = (ch: string) => ENTITIES[ch]!;

/** Plain text for a place that readers interpret as HTML (an RSS description): `<`, `>`, `&` escaped. */
export const escapeText = (s: string) => s.replace(/[&<>]/g, entity);

/**
 * Text for HTML or XML markup, element content or a quoted attribute value alike: `&`, `<`, `>`,
 * `"` and `'` escaped (`&#39;` is valid in both HTML and XML).
 */
export const escapeMarkup = (s: string) => s.replace(/[&<>"']/g, entity);
