import { escapeMarkup as escapeHtml } from '../../domain/xml-text.js';

/** Inline Markdown on already-escaped text: code, bold, italic, and http(s) links only. */
function inline(escaped: string): string {
  return escaped
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*]+)\*/g, '$1<em>$2</em>')
    .replace(
      /\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g,
      '<a href="$2" rel="noopener noreferrer nofollow">$1</a>',
    );
}

/**
 * A small, safe Markdown subset (headings, paragraphs, lists, quotes, emphasis,
 * code, links). All input is HTML-escaped first, so raw HTML never passes through,
 * and only http(s) URLs can become links. Headings start at level 3 because the
 * response sits under the page's h1 and h2, and never skip a level: the body's
 * shallowest heading becomes h3 (whether written `#` or `##`), and a heading is at
 * most one level below the one before it.
 */
export function renderMarkdown(src: string): string {
  const out: string[] = [];
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const depths = lines.flatMap((l) => /^(#{1,4})\s+\S/.exec(l.trimEnd())?.[1]?.length ?? []);
  const minDepth = depths.length ? Math.min(...depths) : 1;
  let lastLevel = 2;
  let list: 'ul' | 'ol' | null = null;
  let para: string[] = [];
  const flushPara = () => {
    if (para.length) out.push(`<p>${inline(para.join(' '))}</p>`);
    para = [];
  };
  const closeList = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const rawLine of lines) {
    const line = escapeHtml(rawLine.trimEnd());
    const h = /^(#{1,4})\s+(.*)$/.exec(line);
    const ul = /^\s*[-*]\s+(.*)$/.exec(line);
    const ol = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const quote = /^&gt;\s?(.*)$/.exec(line);
    if (!line.trim()) {
      flushPara();
      closeList();
    } else if (h) {
      flushPara();
      closeList();
      const level = Math.min(6, 3 + h[1]!.length - minDepth, lastLevel + 1);
      lastLevel = level;
      out.push(`<h${level}>${inline(h[2]!)}</h${level}>`);
    } else if (ul || ol) {
      flushPara();
      const kind = ul ? 'ul' : 'ol';
      if (list !== kind) {
        closeList();
        out.push(`<${kind}>`);
        list = kind;
      }
      out.push(`<li>${inline((ul ?? ol)![1]!)}</li>`);
    } else if (quote) {
      flushPara();
      closeList();
      out.push(`<blockquote><p>${inline(quote[1]!)}</p></blockquote>`);
    } else {
      closeList();
      para.push(line.trim());
    }
  }
  flushPara();
  closeList();
  return out.join('\n');
}
