import { randomBytes } from 'node:crypto';
import { recipientRoles } from '../domain/notifications.js';
import { APPEARANCE_MIN_SCORE, claimAppearancesSql } from './claim-sql.js';
import { isUuid, newId } from './ids.js';
import { surgeNotifySql } from './notification-sql.js';
import { hashToken } from './token-store.js';
import type { Sql } from './types.js';

/** What an alert is about: a claim or a near-duplicate cluster, in all provinces or in one. */
export interface AlertKey {
  kind: 'claim' | 'cluster';
  subject: string;
  province: string | null;
}

/** One surge episode as stored. Times are ISO strings on occurrence time. */
export interface Alert extends AlertKey {
  id: string;
  windowStart: string;
  detectedAt: string;
  endedAt: string | null;
  peakCount: number;
  expected: number;
  pValue: number;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  webhookStatus: 'none' | 'pending' | 'delivered' | 'failed';
}

/** An episode to record (from the detector). */
export interface EpisodeInput extends AlertKey {
  windowStart: Date;
  detectedAt: Date;
  endedAt: Date | null;
  peakCount: number;
  expected: number;
  pValue: number;
}

/** A new cluster in the morning digest. */
export interface DigestCluster {
  clusterKey: string;
  items: number;
  checkWorthiness: number;
  itemId: string;
  /** The redacted text of its most check-worthy item. */
  text: string;
  topic: string | null;
}

/** One tagged item as the detector counts it. */
export interface AlertEvent {
  clusterKey: string | null;
  /** The claims it counts for (see ITEM_CLAIMS). */
  claimIds: string[];
  province: string | null;
  at: string;
}

/**
 * The claims an item (`t`, a tag_results row) counts for: those it is confirmed or
 * automatically linked to, and its top match when that scores at least
 * `APPEARANCE_MIN_SCORE` and nobody rejected the pair; merged claims count as the
 * claim they were merged into. The same rule as a claim page's appearances.
 */
const ITEM_CLAIMS = `ARRAY(
  SELECT coalesce(k.merged_into, k.id) FROM claim_links l JOIN known_claims k ON k.id = l.claim_id
  WHERE l.item_id = t.item_id AND l.kind IN ('confirmed', 'automatic')
  UNION
  SELECT coalesce(k.merged_into, k.id) FROM known_claims k
  WHERE k.id = t.top_claim_id AND t.top_claim_score >= ${APPEARANCE_MIN_SCORE}
    AND NOT EXISTS (SELECT 1 FROM claim_links l
                    WHERE l.item_id = t.item_id AND l.claim_id = k.id AND l.kind = 'rejected'))`;

const COLUMNS = `id, kind, subject, province, window_start AS "windowStart", detected_at AS "detectedAt",
  ended_at AS "endedAt", peak_count AS "peakCount", expected, p_value AS "pValue", created_at AS "createdAt",
  acknowledged_at AS "acknowledgedAt", acknowledged_by AS "acknowledgedBy", webhook_status AS "webhookStatus"`;

/** Surge alerts (one row per episode), the detector's progress and the staff digest tokens. */
export function createAlertStore(db: Sql) {
  return {
    /** How far the detector has read tag results (null before its first run). */
    async watermark(): Promise<string | null> {
      const { rows } = await db.query<{ t: string }>('SELECT tagged_until AS t FROM alert_scan WHERE id = 1');
      return rows[0]?.t ?? null;
    },
    async setWatermark(at: string): Promise<void> {
      await db.query(
        `INSERT INTO alert_scan (id, tagged_until) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET tagged_until = greatest(alert_scan.tagged_until, excluded.tagged_until)`,
        [at],
      );
    },
    /** The newest tag time and the earliest occurrence time of items tagged after `since`. */
    async newSince(since: string | null): Promise<{ taggedUntil: string | null; earliest: string | null }> {
      const { rows } = await db.query<{ taggedUntil: string | null; earliest: string | null }>(
        `SELECT max(t.tagged_at) AS "taggedUntil", min(coalesce(i.occurred_at, i.created_at)) AS earliest
         FROM tag_results t JOIN items i ON i.id = t.item_id
         WHERE $1::timestamptz IS NULL OR t.tagged_at > $1`,
        [since],
      );
      return rows[0] ?? { taggedUntil: null, earliest: null };
    },
    /** The clusters and claims of items tagged in (since, until]. */
    async changedSubjects(since: string | null, until: string) {
      const { rows } = await db.query<{ clusterKey: string | null; claimIds: string[] }>(
        `SELECT t.cluster_key AS "clusterKey", ${ITEM_CLAIMS} AS "claimIds"
         FROM tag_results t WHERE ($1::timestamptz IS NULL OR t.tagged_at > $1) AND t.tagged_at <= $2`,
        [since, until],
      );
      return {
        clusters: [...new Set(rows.flatMap((r) => (r.clusterKey ? [r.clusterKey] : [])))],
        claims: [...new Set(rows.flatMap((r) => r.claimIds))],
      };
    },
    /** Items of these clusters or claims whose occurrence time is in [from, to], oldest first. */
    async events(
      subjects: { clusters: string[]; claims: string[] },
      from: string,
      to: string,
    ): Promise<AlertEvent[]> {
      const { rows } = await db.query<AlertEvent>(
        `SELECT * FROM (
           SELECT t.cluster_key AS "clusterKey", ${ITEM_CLAIMS} AS "claimIds", i.province,
                  coalesce(i.occurred_at, i.created_at) AS at
           FROM tag_results t JOIN items i ON i.id = t.item_id
           WHERE coalesce(i.occurred_at, i.created_at) BETWEEN $1 AND $2) e
         WHERE e."clusterKey" = ANY($3::text[]) OR e."claimIds" && $4::text[]
         ORDER BY e.at`,
        [from, to, subjects.clusters, subjects.claims],
      );
      return rows;
    },
    /** The earliest occurrence time of all items (where the monitored history begins). */
    async historyStart(): Promise<string | null> {
      const { rows } = await db.query<{ t: string | null }>(
        'SELECT min(coalesce(occurred_at, created_at)) AS t FROM items',
      );
      return rows[0]?.t ?? null;
    },
    /** Episodes still open (to continue them, or close them when their key goes quiet). */
    async open(): Promise<Alert[]> {
      return (await db.query<Alert>(`SELECT ${COLUMNS} FROM alerts WHERE ended_at IS NULL`)).rows;
    },
    /**
     * Records an episode: a new row (returned with `created: true`), or the update of
     * the row with the same key and detection time (peak, end). A new surge detected in the
     * last day notifies the staff in the same statement.
     */
    async record(e: EpisodeInput, webhook: boolean): Promise<{ id: string; created: boolean }> {
      const { rows } = await db.query<{ id: string; created: boolean }>(
        `WITH alert AS (
           INSERT INTO alerts (id, kind, subject, province, window_start, detected_at, ended_at, peak_count,
                               expected, p_value, webhook_status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (kind, subject, coalesce(province, ''), detected_at) DO UPDATE
             SET ended_at = excluded.ended_at, peak_count = greatest(alerts.peak_count, excluded.peak_count),
                 expected = excluded.expected, p_value = least(alerts.p_value, excluded.p_value), updated_at = now()
           RETURNING id, (xmax = 0) AS created, detected_at, kind, subject),
         ${surgeNotifySql('$12')}
         SELECT id, created FROM alert`,
        [
          newId(),
          e.kind,
          e.subject,
          e.province,
          e.windowStart,
          e.detectedAt,
          e.endedAt,
          e.peakCount,
          e.expected,
          e.pValue,
          webhook ? 'pending' : 'none',
          recipientRoles('surge_alert'),
        ],
      );
      return rows[0]!;
    },
    /** Alerts detected at or after `since` (occurrence time), newest first. */
    async list(opts: { since?: Date; limit: number; unacknowledgedOnly?: boolean }): Promise<Alert[]> {
      const { rows } = await db.query<Alert>(
        `SELECT ${COLUMNS} FROM alerts
         WHERE ($1::timestamptz IS NULL OR detected_at >= $1) AND (NOT $3 OR acknowledged_at IS NULL)
         ORDER BY detected_at DESC, id LIMIT $2`,
        [opts.since ?? null, opts.limit, opts.unacknowledgedOnly ?? false],
      );
      return rows;
    },
    async get(id: string): Promise<Alert | null> {
      if (!isUuid(id)) return null;
      return (await db.query<Alert>(`SELECT ${COLUMNS} FROM alerts WHERE id = $1`, [id])).rows[0] ?? null;
    },
    async unacknowledgedCount(): Promise<number> {
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM alerts WHERE acknowledged_at IS NULL',
      );
      return rows[0]?.n ?? 0;
    },
    /** Marks an alert acknowledged once; false when unknown or already acknowledged. */
    async acknowledge(id: string, userId: string): Promise<boolean> {
      if (!isUuid(id)) return false;
      const r = await db.query(
        `UPDATE alerts SET acknowledged_at = now(), acknowledged_by = $2, updated_at = now()
         WHERE id = $1 AND acknowledged_at IS NULL`,
        [id, userId],
      );
      return r.rowCount > 0;
    },
    async setWebhookStatus(id: string, status: Alert['webhookStatus']): Promise<void> {
      await db.query('UPDATE alerts SET webhook_status = $2, updated_at = now() WHERE id = $1', [id, status]);
    },
    /** A claim's appearances (as on its page) in item-id order after `after`, with how each is linked. */
    async claimAppearances(claimId: string, after: string | null, limit: number) {
      const { rows } = await db.query<{ id: string; kind: 'confirmed' | 'automatic' | 'suggested' }>(
        `WITH ${claimAppearancesSql('$1')}
         SELECT item_id AS id, kind FROM appearances
         WHERE $2::uuid IS NULL OR item_id > $2 ORDER BY item_id LIMIT $3`,
        [claimId, after, limit],
      );
      return rows;
    },
    /**
     * The digest's new clusters: clusters whose first item occurred at or after `since`,
     * most check-worthy first, with the topic (top tag) and redacted text of their most
     * check-worthy item.
     */
    async newClusters(since: Date, limit: number): Promise<DigestCluster[]> {
      const { rows } = await db.query<DigestCluster>(
        `WITH recent AS (
           SELECT t.item_id, t.cluster_key, t.check_worthiness, t.result
           FROM tag_results t JOIN items i ON i.id = t.item_id
           WHERE coalesce(i.occurred_at, i.created_at) >= $1 AND t.cluster_key IS NOT NULL)
         SELECT r.cluster_key AS "clusterKey", count(*)::int AS items, max(r.check_worthiness) AS "checkWorthiness",
                (array_agg(r.item_id ORDER BY r.check_worthiness DESC, r.item_id))[1] AS "itemId",
                (array_agg(r.result ->> 'redactedText' ORDER BY r.check_worthiness DESC, r.item_id))[1] AS text,
                (array_agg(r.result -> 'tags' -> 0 ->> 'tag' ORDER BY r.check_worthiness DESC, r.item_id))[1] AS topic
         FROM recent r
         WHERE NOT EXISTS (SELECT 1 FROM tag_results t2 JOIN items i2 ON i2.id = t2.item_id
                           WHERE t2.cluster_key = r.cluster_key AND coalesce(i2.occurred_at, i2.created_at) < $1)
         GROUP BY r.cluster_key ORDER BY max(r.check_worthiness) DESC, count(*) DESC LIMIT $2`,
        [since, limit],
      );
      return rows;
    },
    /** The topic (top tag) of an alert's subject: that of its most check-worthy item. */
    async topicOf(a: AlertKey): Promise<string | null> {
      const { rows } = await db.query<{ topic: string | null }>(
        a.kind === 'cluster'
          ? `SELECT t.result -> 'tags' -> 0 ->> 'tag' AS topic FROM tag_results t WHERE t.cluster_key = $1
             ORDER BY t.check_worthiness DESC LIMIT 1`
          : `WITH ${claimAppearancesSql('$1')}
             SELECT t.result -> 'tags' -> 0 ->> 'tag' AS topic
             FROM appearances a JOIN tag_results t ON t.item_id = a.item_id
             ORDER BY t.check_worthiness DESC LIMIT 1`,
        [a.subject],
      );
      return rows[0]?.topic ?? null;
    },
    /** Creates or replaces a user's digest feed token; returns the token (shown once). */
    async rotateDigestToken(userId: string): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      await db.query(
        `INSERT INTO digest_tokens (user_id, token_hash) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = now()`,
        [userId, hashToken(token)],
      );
      return token;
    },
    /** The active staff user a digest token belongs to, else null. */
    async digestUser(token: string): Promise<string | null> {
      const { rows } = await db.query<{ id: string }>(
        `SELECT u.id FROM digest_tokens d JOIN users u ON u.id = d.user_id
         WHERE d.token_hash = $1 AND NOT u.disabled AND u.role IN ('staff', 'supervisor', 'admin')`,
        [hashToken(token)],
      );
      return rows[0]?.id ?? null;
    },
  };
}

export type AlertStore = ReturnType<typeof createAlertStore>;
