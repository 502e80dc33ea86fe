import type { Context } from 'hono';
import type { Child } from 'hono/jsx';

/**
 * Sends a page rendered with the shared `Layout`, adding portal-specific elements
 * (canonical link, Open Graph, feed links, JSON-LD) to its `<head>`: the shell has
 * no head slot, and public pages need these where crawlers look for them.
 */
export async function htmlWithHead(c: Context, page: Child, head: Child, status: 200 | 400 = 200) {
  const [body, extra] = await Promise.all([String(await page), String(await head)]);
  const at = body.indexOf('</head>');
  return c.html(at < 0 ? body : `${body.slice(0, at)}${extra}${body.slice(at)}`, status);
}
