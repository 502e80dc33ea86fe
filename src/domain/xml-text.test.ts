import { describe, expect, it } from 'vitest';
import { escapeMarkup, escapeText } from './xml-text.js';

describe('escaping text for markup', () => {
  it('escapeText escapes what makes text markup, and leaves quotes', () => {
    expect(escapeText(`a<b>&"c'`)).toBe(`a&lt;b&gt;&amp;"c'`);
  });
  it('escapeMarkup also escapes both quotes, for attribute values', () => {
    expect(escapeMarkup(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  it('escapes an existing entity again (text is never taken for markup)', () => {
    expect(escapeMarkup('&amp;')).toBe('&amp;amp;');
  });
});
