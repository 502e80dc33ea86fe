import { z } from 'zod';
import { htmlToText } from '../feeds/html-text.js';

/** A mapped record, or null for an element that is not a post (service message, boost, empty); malformed elements throw. */
export type Mapped = Record<string, unknown> | null;

const iso = (v: unknown) => {
  const d = typeof v === 'number' ? new Date(v * 1000) : typeof v === 'string' ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
};
const lang = (v: unknown) =>
  typeof v === 'string' && /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(v) ? v : undefined;
const clean = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));

const telegramText = z.union([
  z.string(),
  z.array(z.union([z.string(), z.looseObject({ type: z.string().optional(), text: z.string().optional() })])),
]);
/** One element of `messages` in a Telegram Desktop channel export (`result.json`). */
export const telegramMessageSchema = z.looseObject({
  id: z.union([z.number(), z.string()]),
  type: z.string().optional(),
  date: z.string().optional(),
  date_unixtime: z.union([z.string(), z.number()]).optional(),
  from: z.string().nullable().optional(),
  text: telegramText.optional(),
  forwarded_from: z.string().nullable().optional(),
});

/** Flattens Telegram text: a string, or an array of strings and entities (`{type, text}`) in order. */
export function telegramPlainText(text: z.infer<typeof telegramText> | undefined): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text.map((part) => (typeof part === 'string' ? part : (part.text ?? ''))).join('');
}

/** Maps a Telegram export message to a post; service messages and media without caption are skipped. */
export function fromTelegram(raw: unknown, source: string): Mapped {
  const m = telegramMessageSchema.safeParse(raw);
  if (!m.success) throw new Error(`not a Telegram message: ${z.prettifyError(m.error)}`);
  if (m.data.type && m.data.type !== 'message') return null;
  const text = telegramPlainText(m.data.text).trim();
  if (!text) return null;
  return clean({
    source,
    externalId: String(m.data.id),
    text,
    author: m.data.from ?? undefined,
    publishedAt: m.data.date_unixtime !== undefined ? iso(Number(m.data.date_unixtime)) : undefined,
    forwardedFrom: m.data.forwarded_from ?? undefined,
  });
}

/** One element of an X/Twitter archive `tweets.js` (`{tweet: {...}}`). */
export const xTweetSchema = z.looseObject({
  tweet: z.looseObject({
    id_str: z.string(),
    full_text: z.string(),
    created_at: z.string().optional(),
    lang: z.string().optional(),
    in_reply_to_status_id_str: z.string().nullable().optional(),
    entities: z
      .looseObject({
        urls: z.array(z.looseObject({ url: z.string(), expanded_url: z.string().optional() })).optional(),
      })
      .optional(),
  }),
});

/** Maps an archived tweet to a post: t.co links expanded, entities decoded, the status URL kept. */
export function fromXArchive(raw: unknown, source: string): Mapped {
  const t = xTweetSchema.safeParse(raw);
  if (!t.success) throw new Error(`not an archived tweet: ${z.prettifyError(t.error)}`);
  const tw = t.data.tweet;
  let text = tw.full_text;
  for (const u of tw.entities?.urls ?? []) if (u.expanded_url) text = text.split(u.url).join(u.expanded_url);
  text = htmlToText(text.replace(/</g, '&lt;'));
  if (!text) return null;
  return clean({
    source,
    externalId: tw.id_str,
    text,
    url: `https://x.com/i/web/status/${tw.id_str}`,
    publishedAt: iso(tw.created_at),
    // X marks undetermined or non-linguistic tweets with pseudo codes (und, zxx, qme, qht, ...).
    lang: tw.lang && !/^(und|zxx|q[a-z]{2})$/.test(tw.lang) ? lang(tw.lang) : undefined,
    retweet: text.startsWith('RT @') || undefined,
    inReplyTo: tw.in_reply_to_status_id_str ?? undefined,
  });
}

const noteSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  content: z.string().optional(),
  contentMap: z.record(z.string(), z.string()).optional(),
  summary: z.string().nullable().optional(),
  url: z.string().optional(),
  published: z.string().optional(),
  attributedTo: z.string().optional(),
  inReplyTo: z.string().nullable().optional(),
});
/** One element of `orderedItems` in a Mastodon outbox (ActivityPub activity). */
export const mastodonActivitySchema = z.looseObject({
  type: z.string(),
  actor: z.string().optional(),
  published: z.string().optional(),
  object: z.union([z.string(), noteSchema]).optional(),
});

/** Maps a Create activity of a Note to a post (HTML to text, content warning first); boosts are skipped. */
export function fromMastodon(raw: unknown, source: string): Mapped {
  const a = mastodonActivitySchema.safeParse(raw);
  if (!a.success) throw new Error(`not an ActivityPub activity: ${z.prettifyError(a.error)}`);
  const o = a.data.object;
  if (a.data.type !== 'Create' || !o || typeof o === 'string') return null;
  const body = htmlToText(o.content ?? Object.values(o.contentMap ?? {})[0] ?? '');
  const text = o.summary ? `${o.summary}\n\n${body}`.trim() : body;
  if (!text) return null;
  const url = o.url ?? o.id;
  return clean({
    source,
    externalId: o.id,
    text,
    url: /^https?:\/\//.test(url) ? url : undefined,
    author: o.attributedTo ?? a.data.actor,
    publishedAt: iso(o.published ?? a.data.published),
    lang: lang(Object.keys(o.contentMap ?? {})[0]),
    inReplyTo: o.inReplyTo ?? undefined,
  });
}
