import { createHash } from 'node:crypto';
import { parseFeed } from 'feedsmith';
import { AppError } from '../../domain/errors.js';
import { htmlToText } from './html-text.js';

/** One article of a feed, mapped to the post fields it fills. */
export interface FeedEntry {
  externalId?: string;
  title?: string;
  text: string;
  url?: string;
  author?: string;
  publishedAt?: string;
}

/** A feed body that is not RSS, Atom, RDF or JSON Feed, or is not well formed. */
export class FeedParseError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('feed_malformed', message, { status: 422, cause });
  }
}

type Loose = Record<string, unknown> | undefined;
const str = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim() || undefined;
  if (v && typeof v === 'object' && 'value' in v) return str((v as { value: unknown }).value);
  return undefined;
};
const httpUrl = (v: unknown) => {
  const s = str(v);
  return s && /^https?:\/\//i.test(s) && s.length <= 2000 ? s : undefined;
};
const isoDate = (v: unknown) => {
  const s = str(v);
  const d = s ? new Date(s) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
};
// The ingest schema caps ids at 500 characters; long GUIDs keep their identity as a hash.
const externalId = (v: string | undefined) =>
  v && v.length > 500 ? `sha256:${createHash('sha256').update(v).digest('hex')}` : v;

function entry(e: {
  id?: string;
  link?: string;
  title?: string;
  html?: string;
  author?: string;
  date?: unknown;
}): FeedEntry | null {
  const title = e.title ? htmlToText(e.title) : undefined;
  const body = e.html ? htmlToText(e.html) : '';
  // The title leads the text (it is often the claim itself) unless the body already starts with it.
  const text = title && !body.startsWith(title) ? `${title}\n\n${body}`.trim() : body;
  if (!text) return null;
  const url = httpUrl(e.link);
  return {
    externalId: externalId(e.id ?? url),
    title,
    text,
    url,
    author: e.author?.slice(0, 300),
    publishedAt: isoDate(e.date),
  };
}

/** Parses an RSS 2.0, RSS 1.0 (RDF), Atom or JSON Feed document into entries; the id is the GUID, else the link. */
export function parseFeedEntries(body: string): { format: string; title?: string; entries: FeedEntry[] } {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(body);
  } catch (err) {
    throw new FeedParseError(`not a readable feed: ${(err as Error).message}`, err);
  }
  const f = parsed.feed as Record<string, unknown>;
  const out: (FeedEntry | null)[] = [];
  if (parsed.format === 'atom') {
    for (const e of (f.entries as Loose[] | undefined) ?? []) {
      const links = (e?.links as { href?: string; rel?: string }[] | undefined) ?? [];
      const link = links.find((l) => !l.rel || l.rel === 'alternate')?.href ?? links[0]?.href;
      const authors = e?.authors as { name?: string }[] | undefined;
      out.push(
        entry({
          id: str(e?.id),
          link,
          title: str(e?.title),
          html: str(e?.content) ?? str(e?.summary),
          author: authors?.[0]?.name,
          date: e?.published ?? e?.updated,
        }),
      );
    }
  } else if (parsed.format === 'json') {
    for (const e of (f.items as Loose[] | undefined) ?? []) {
      const authors = e?.authors as { name?: string }[] | undefined;
      out.push(
        entry({
          id: str(e?.id),
          link: str(e?.url) ?? str(e?.external_url),
          title: str(e?.title),
          html: str(e?.content_html) ?? str(e?.content_text) ?? str(e?.summary),
          author: authors?.[0]?.name,
          date: e?.date_published ?? e?.date_modified,
        }),
      );
    }
  } else {
    for (const e of (f.items as Loose[] | undefined) ?? []) {
      const content = e?.content as { encoded?: string } | undefined;
      const dc = e?.dc as { creator?: string; creators?: string[]; date?: string } | undefined;
      out.push(
        entry({
          id: str(e?.guid) ?? str(e?.about),
          link: str(e?.link),
          title: str(e?.title),
          html: str(content?.encoded) ?? str(e?.description),
          author: str(e?.author) ?? dc?.creator ?? dc?.creators?.[0],
          date: e?.pubDate ?? dc?.date,
        }),
      );
    }
  }
  return {
    format: parsed.format,
    title: str(f.title),
    entries: out.filter((e): e is FeedEntry => e !== null),
  };
}
