import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders the supported subset', () => {
    expect(
      renderMarkdown('# Başlık\n\nBir **kalın** ve *eğik* [kaynak](https://example.org/a).\n\n- bir\n- iki'),
    ).toBe(
      '<h3>Başlık</h3>\n<p>Bir <strong>kalın</strong> ve <em>eğik</em> <a href="https://example.org/a" rel="noopener noreferrer nofollow">kaynak</a>.</p>\n<ul>\n<li>bir</li>\n<li>iki</li>\n</ul>',
    );
  });

  it('never lets HTML or script URLs through', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](https://a.b/"onmouseover=")',
    );
    expect(html).not.toMatch(/<script|<img|href="javascript|onmouseover="/);
    expect(html).toContain('&lt;script&gt;');
  });

  it('never skips a heading level: the shallowest heading is h3, each at most one below the last', () => {
    const levels = (md: string) => [...renderMarkdown(md).matchAll(/<h(\d)>/g)].map((m) => Number(m[1]));
    expect(levels('## Özet\n\nmetin\n\n## Kaynaklar')).toEqual([3, 3]);
    expect(levels('#### Derin\n\n# Üst\n\n### Alt')).toEqual([3, 3, 4]);
    expect(levels('# A\n\n#### D')).toEqual([3, 4]);
  });
});
