import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from './html-text.js';

describe('htmlToText', () => {
  it('drops tags, scripts and styles, keeps paragraphs as lines and decodes entities', () => {
    const html =
      '<p>Valilik açıklama yaptı &amp; uyardı:</p><script>alert(1)</script><style>p{}</style><p>&quot;Su kesintisi&quot; &#8211; iddia&nbsp;yanlış</p>';
    expect(htmlToText(html)).toBe('Valilik açıklama yaptı & uyardı:\n"Su kesintisi" – iddia yanlış');
  });
  it('leaves unknown entities and plain text alone', () => {
    expect(decodeEntities('a &foo; b &#x15F;')).toBe('a &foo; b ş');
    expect(htmlToText('düz metin')).toBe('düz metin');
  });
});
