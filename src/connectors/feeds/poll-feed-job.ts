import { z } from 'zod';
import type { Logger } from '../../obs/logger.js';
import type { IngestService } from '../../pipeline/ingest.js';
import type { JobDefinition, JobHandler } from '../../queue/types.js';
import type { FeedSourceStore } from '../../store/feed-source-store.js';
import { nextPollDelayMs } from './backoff.js';
import { type FetchFeedOptions, fetchFeed } from './fetch-feed.js';
import { type FeedEntry, parseFeedEntries } from './parse-feed.js';

export const pollFeedPayloadSchema = z.object({
  sourceId: z.string().uuid(),
  /** The planned run (the source's next_run_at when enqueued; null for a new source). */
  due: z.string().nullable(),
});
export type PollFeedPayload = z.infer<typeof pollFeedPayloadSchema>;

/** Polls one feed. Not retried by the queue: failures back off through the source's schedule instead. */
export const pollFeedJob: JobDefinition<PollFeedPayload> = {
  name: 'poll-feed',
  schema: pollFeedPayloadSchema,
  attempts: 1,
};

/** The post record of a feed entry, as the ingest contract wants it. */
export function entryToPost(source: string, e: FeedEntry): Record<string, unknown> {
  const rec: Record<string, unknown> = { source, text: e.text };
  if (e.externalId) rec.externalId = e.externalId;
  if (e.url) rec.url = e.url;
  if (e.author) rec.author = e.author;
  if (e.publishedAt) rec.publishedAt = e.publishedAt;
  if (e.title) rec.title = e.title;
  return rec;
}

/**
 * The poll-feed handler: claims the planned run (so duplicate jobs from
 * several schedulers run once), fetches with the stored validators, ingests
 * new entries (the ingest idempotency key source + GUID/link drops repeats)
 * and records the outcome with the next run time.
 */
export function createFeedPoller(deps: {
  sources: Pick<FeedSourceStore, 'claim' | 'recordSuccess' | 'recordFailure'>;
  ingest: Pick<IngestService, 'ingest'>;
  logger?: Pick<Logger, 'info' | 'warn'>;
  fetch?: FetchFeedOptions;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.fetch?.timeoutMs ?? 20_000;

  const poll = async (p: PollFeedPayload) => {
    const src = await deps.sources.claim(p.sourceId, p.due, new Date(now() + timeoutMs + 5 * 60_000));
    if (!src?.url) return { ran: false as const };
    const intervalMs = src.intervalSeconds * 1000;
    try {
      const res = await fetchFeed(src.url, { etag: src.etag, lastModified: src.lastModified }, deps.fetch);
      if (res.status === 'not-modified') {
        await deps.sources.recordSuccess(src.id, {
          status: 'not-modified',
          fetched: 0,
          nextRunAt: new Date(now() + intervalMs),
        });
        return { ran: true as const, status: res.status, accepted: 0, duplicates: 0 };
      }
      const feed = parseFeedEntries(res.body);
      const result = await deps.ingest.ingest(
        'post',
        feed.entries.map((e) => entryToPost(src.name, e)),
      );
      await deps.sources.recordSuccess(src.id, {
        status: 'ok',
        etag: res.etag,
        lastModified: res.lastModified,
        fetched: result.accepted,
        nextRunAt: new Date(now() + intervalMs),
      });
      deps.logger?.info({ source: src.name, ...result, rejected: result.rejected.length }, 'feed polled');
      return {
        ran: true as const,
        status: res.status,
        accepted: result.accepted,
        duplicates: result.duplicates,
      };
    } catch (err) {
      const error = (err as Error).message;
      await deps.sources.recordFailure(src.id, {
        error,
        nextRunAt: new Date(now() + nextPollDelayMs(intervalMs, src.failures + 1)),
      });
      deps.logger?.warn({ source: src.name, err: error }, 'feed poll failed');
      return { ran: true as const, status: 'error' as const, error };
    }
  };

  const handler: JobHandler<PollFeedPayload> = async (payload) => {
    await poll(payload);
  };
  return { poll, handler };
}
