/** Plain text for a place that readers interpret as HTML (an RSS description): `<`, `>`, `&` escaped. */
export const escapeText = (s: string) =>
  s.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));
