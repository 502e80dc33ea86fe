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
});
