import { isUuid, newId } from './ids.js';
import type { Database } from './types.js';

/** What a journalist follows and which delivery channels are set up (never the secrets). */
export interface FollowSettings {
  userId: string;
  topics: string[];
  provinces: string[];
  webhookUrl: string | null;
  hasWebhookSecret: boolean;
  hasFeed: boolean;
  updatedAt: string | null;
}

/** A journalist who may receive deliveries: active, role journalist. */
export interface Follower {
  userId: string;
  topics: string[];
  provinces: string[];
}

export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'failed' | 'cancelled';

/** One webhook delivery as stored; `payload` is the exact JSON body sent on every attempt. */
export interface WebhookDelivery {
  id: string;
  userId: string;
  event: string;
  responseId: string;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

/** A delivery to be created; `dedupeKey` makes a repeated event a no-op for the same user. */
export interface NewDelivery {
  userId: string;
  event: string;
  responseId: string;
  dedupeKey: string;
  /** Builds the body from the delivery id (the body carries it for receiver idempotency). */
  payload: (id: string) => Record<string, unknown>;
}

interface SettingsRow {
  user_id: string;
  topics: string[];
  provinces: string[];
  webhook_url: string | null;
  has_secret: boolean;
  has_feed: boolean;
  updated_at: string;
}

interface DeliveryRow {
  id: string;
  user_id: string;
  event: string;
  response_id: string;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}

const deliveryColumns =
  'id, user_id, event, response_id, payload, status, attempts, last_status_code, last_error, created_at, updated_at, delivered_at';

const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  userId: r.user_id,
  event: r.event,
  responseId: r.response_id,
  payload: r.payload,
  status: r.status,
  attempts: r.attempts,
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deliveredAt: r.delivered_at,
});

// Only active journalists follow anything: a disabled account or a changed role stops every channel.
const ACTIVE = `JOIN users u ON u.id = f.user_id AND NOT u.disabled AND u.role = 'journalist'`;

/** Journalist follows, webhook settings, personal feed token hashes and webhook deliveries. */
export function createFollowStore(db: Database) {
  const ensure = (userId: string) =>
    db.query('INSERT INTO follow_settings (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING', [userId]);
  const update = async (userId: string, set: string, params: unknown[]) => {
    await ensure(userId);
    await db.query(`UPDATE follow_settings SET ${set}, updated_at = now() WHERE user_id = $1`, [
      userId,
      ...params,
    ]);
  };

  return {
    async get(userId: string): Promise<FollowSettings> {
      const { rows } = await db.query<SettingsRow>(
        `SELECT user_id, topics, provinces, webhook_url, webhook_secret IS NOT NULL AS has_secret,
           feed_token_hash IS NOT NULL AS has_feed, updated_at
         FROM follow_settings WHERE user_id = $1`,
        [userId],
      );
      const r = rows[0];
      if (!r)
        return {
          userId,
          topics: [],
          provinces: [],
          webhookUrl: null,
          hasWebhookSecret: false,
          hasFeed: false,
          updatedAt: null,
        };
      return {
        userId,
        topics: r.topics,
        provinces: r.provinces,
        webhookUrl: r.webhook_url,
        hasWebhookSecret: r.has_secret,
        hasFeed: r.has_feed,
        updatedAt: r.updated_at,
      };
    },

    setFollows: (userId: string, topics: string[], provinces: string[]) =>
      update(userId, 'topics = $2::text[], provinces = $3::text[]', [topics, provinces]),

    /** Sets the webhook URL; `secret` replaces the signing secret when given. */
    setWebhook: (userId: string, url: string, secret?: string) =>
      secret
        ? update(userId, 'webhook_url = $2, webhook_secret = $3', [url, secret])
        : update(userId, 'webhook_url = $2', [url]),

    setWebhookSecret: (userId: string, secret: string) => update(userId, 'webhook_secret = $2', [secret]),

    clearWebhook: (userId: string) => update(userId, 'webhook_url = NULL, webhook_secret = NULL', []),

    /** Stores the hash of a new personal feed token (null revokes the feed). */
    setFeedTokenHash: (userId: string, hash: string | null) => update(userId, 'feed_token_hash = $2', [hash]),

    /** The active journalist whose feed token has this hash. */
    async byFeedTokenHash(hash: string): Promise<Follower | null> {
      const { rows } = await db.query<{ user_id: string; topics: string[]; provinces: string[] }>(
        `SELECT f.user_id, f.topics, f.provinces FROM follow_settings f ${ACTIVE} WHERE f.feed_token_hash = $1`,
        [hash],
      );
      const r = rows[0];
      return r ? { userId: r.user_id, topics: r.topics, provinces: r.provinces } : null;
    },

    /** Active journalists with a webhook set. */
    async webhookFollowers(): Promise<Follower[]> {
      const { rows } = await db.query<{ user_id: string; topics: string[]; provinces: string[] }>(
        `SELECT f.user_id, f.topics, f.provinces FROM follow_settings f ${ACTIVE}
         WHERE f.webhook_url IS NOT NULL AND f.webhook_secret IS NOT NULL`,
      );
      return rows.map((r) => ({ userId: r.user_id, topics: r.topics, provinces: r.provinces }));
    },

    /** The current target of a user's webhook, or null when there is none or the account is inactive. */
    async webhookTarget(userId: string): Promise<{ url: string; secret: string } | null> {
      const { rows } = await db.query<{ webhook_url: string; webhook_secret: string }>(
        `SELECT f.webhook_url, f.webhook_secret FROM follow_settings f ${ACTIVE}
         WHERE f.user_id = $1 AND f.webhook_url IS NOT NULL AND f.webhook_secret IS NOT NULL`,
        [userId],
      );
      const r = rows[0];
      return r ? { url: r.webhook_url, secret: r.webhook_secret } : null;
    },

    /** Users who were sent an earlier event about this response. */
    async priorRecipients(responseId: string): Promise<string[]> {
      const { rows } = await db.query<{ user_id: string }>(
        'SELECT DISTINCT user_id FROM webhook_deliveries WHERE response_id = $1',
        [responseId],
      );
      return rows.map((r) => r.user_id);
    },

    /** Creates deliveries in one transaction; returns the ids of those not already present. */
    async createDeliveries(list: NewDelivery[]): Promise<string[]> {
      if (list.length === 0) return [];
      return db.transaction(async (tx) => {
        const ids: string[] = [];
        for (const d of list) {
          const id = newId();
          const { rows } = await tx.query<{ id: string }>(
            `INSERT INTO webhook_deliveries (id, user_id, event, response_id, dedupe_key, payload)
             VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`,
            [id, d.userId, d.event, d.responseId, d.dedupeKey, JSON.stringify(d.payload(id))],
          );
          if (rows[0]) ids.push(rows[0].id);
        }
        return ids;
      });
    },

    async delivery(id: string): Promise<WebhookDelivery | null> {
      if (!isUuid(id)) return null;
      const { rows } = await db.query<DeliveryRow>(
        `SELECT ${deliveryColumns} FROM webhook_deliveries WHERE id = $1`,
        [id],
      );
      return rows[0] ? toDelivery(rows[0]) : null;
    },

    /** Records the outcome of one attempt. */
    async recordAttempt(
      id: string,
      o: { status: DeliveryStatus; attempted: boolean; statusCode?: number | null; error?: string | null },
    ): Promise<void> {
      await db.query(
        `UPDATE webhook_deliveries SET status = $2, attempts = attempts + $3, last_status_code = $4,
           last_error = $5, updated_at = now(),
           delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END
         WHERE id = $1`,
        [id, o.status, o.attempted ? 1 : 0, o.statusCode ?? null, o.error?.slice(0, 500) ?? null],
      );
    },

    /** The user's latest deliveries, newest first. */
    async recentDeliveries(userId: string, limit = 20): Promise<WebhookDelivery[]> {
      const { rows } = await db.query<DeliveryRow>(
        `SELECT ${deliveryColumns} FROM webhook_deliveries WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
        [userId, limit],
      );
      return rows.map(toDelivery);
    },

    /**
     * Deliveries whose job was lost: never attempted since before `pendingBefore`, or
     * waiting for a retry since before `retryingBefore` (longer than any backoff).
     */
    async stale(pendingBefore: Date, retryingBefore: Date, limit = 500): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM webhook_deliveries
         WHERE (status = 'pending' AND updated_at < $1) OR (status = 'retrying' AND updated_at < $2)
         ORDER BY updated_at LIMIT $3`,
        [pendingBefore.toISOString(), retryingBefore.toISOString(), limit],
      );
      return rows.map((r) => r.id);
    },
  };
}
export type FollowStore = ReturnType<typeof createFollowStore>;
