import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** A loopback HTTP server for feed tests: routes by path, counts hits, answers 404 otherwise. */
export async function startFeedServer(routes: Record<string, Route>) {
  const hits: Record<string, IncomingMessage['headers'][]> = {};
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits[path] = [...(hits[path] ?? []), req.headers];
    open.add(res);
    res.on('close', () => open.delete(res));
    const route = routes[path];
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    hits,
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** An RSS 2.0 document with the given items (invented Turkish local-news content). */
export function rssDoc(
  items: { guid?: string; link?: string; title: string; body: string }[],
  encoding = 'utf-8',
) {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="${encoding}"?>
<rss version="2.0"><channel><title>Kuzey Gazetesi</title><link>https://kuzey.example/</link><description>Yerel haberler</description>
${items
  .map(
    (i) =>
      `<item><title>${esc(i.title)}</title>${i.link ? `<link>${esc(i.link)}</link>` : ''}${
        i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : ''
      }<description>${esc(i.body)}</description><pubDate>Wed, 10 Apr 2024 08:00:00 +0300</pubDate></item>`,
  )
  .join('\n')}
</channel></rss>`;
}
