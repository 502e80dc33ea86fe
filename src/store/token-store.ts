import { createHash, randomBytes } from 'node:crypto';
import { newId } from './ids.js';
import type { Database } from './types.js';

/** Prefix of every API token, so leaked tokens are recognisable by secret scanners. */
export const tokenPrefix = 'kpr_';

/** sha256 of the token; only this is stored. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** An API token as listed (never the token or its hash). */
export interface TokenInfo {
  id: string;
  name: string;
  scopes: string[];
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** When the token stops working; null = never. */
  expiresAt: string | null;
}

// Reading a token happens on every API call; last_used_at is written at most once a minute.
const verifySql = `
  WITH t AS (
    SELECT id, name, scopes, last_used_at, expires_at FROM api_tokens
    WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
  ), u AS (
    UPDATE api_tokens a SET last_used_at = now() FROM t
    WHERE a.id = t.id AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute')
  )
  SELECT id, name, scopes, expires_at FROM t`;

/** API tokens: random 32-byte secrets, stored as sha256 hashes; the plaintext is shown once. */
export function createTokenStore(db: Database, opts: { cacheMs?: number; now?: () => number } = {}) {
  // A verified token is trusted for `cacheMs` without a database round trip (each API call
  // checked its token in PostgreSQL). A revocation in this process clears the cache at once;
  // another process notices within `cacheMs`. Bounded, so random tokens cannot grow it.
  const cacheMs = opts.cacheMs ?? 0;
  const now = opts.now ?? Date.now;
  const cache = new Map<
    string,
    { at: number; expiresAt: number; principal: { id: string; name: string; scopes: string[] } }
  >();
  const CACHE_MAX = 1000;
  type Principal = { id: string; name: string; scopes: string[] };
  // One database check per token at a time: when a cached entry runs out under load, the
  // requests that arrive meanwhile wait for that check instead of each running their own (200
  // concurrent API clients made 200 checks at every expiry, and a few requests waited over 30 s).
  const pending = new Map<string, Promise<Principal | null>>();
  // Bumped by a revocation: a check that began before it never fills the cache.
  let generation = 0;
  const check = async (hash: string): Promise<Principal | null> => {
    const startedIn = generation;
    const { rows } = await db.query<{
      id: string;
      name: string;
      scopes: string[];
      expires_at: string | Date | null;
    }>(verifySql, [hash]);
    const row = rows[0];
    const principal = row ? { id: row.id, name: row.name, scopes: row.scopes } : null;
    if (cacheMs > 0 && startedIn === generation) {
      if (principal) {
        if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
        const expiresAt = row?.expires_at ? new Date(row.expires_at).getTime() : Number.POSITIVE_INFINITY;
        cache.set(hash, { at: now(), expiresAt, principal });
      } else cache.delete(hash);
    }
    return principal;
  };
  return {
    /** Creates a token (expiring at `expiresAt`, or never) and returns its plaintext, which is not stored anywhere. */
    async create(input: {
      name: string;
      scopes: string[];
      createdBy?: string | null;
      expiresAt?: Date | null;
    }) {
      const id = newId();
      const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
      await db.query(
        `INSERT INTO api_tokens (id, name, token_hash, scopes, created_by, expires_at)
         VALUES ($1, $2, $3, $4::text[], $5, $6)`,
        [
          id,
          input.name,
          hashToken(token),
          [...new Set(input.scopes)],
          input.createdBy ?? null,
          input.expiresAt?.toISOString() ?? null,
        ],
      );
      return { id, token };
    },

    /** The token's identity and scopes if it exists, is not revoked and has not expired, else null. */
    async verify(token: string): Promise<{ id: string; name: string; scopes: string[] } | null> {
      if (!token.startsWith(tokenPrefix) || token.length > 200) return null;
      const hash = hashToken(token);
      const hit = cacheMs > 0 ? cache.get(hash) : undefined;
      // A cached token is never trusted past its expiry.
      if (hit && now() - hit.at < cacheMs && now() < hit.expiresAt) return hit.principal;
      if (cacheMs <= 0) return check(hash);
      const running = pending.get(hash);
      if (running) return running;
      const p = check(hash).finally(() => {
        if (pending.get(hash) === p) pending.delete(hash);
      });
      pending.set(hash, p);
      return p;
    },

    async revoke(id: string): Promise<void> {
      generation++;
      pending.clear();
      cache.clear();
      await db.query('UPDATE api_tokens SET revoked_at = now() WHERE id::text = $1 AND revoked_at IS NULL', [
        id,
      ]);
      // Again after the commit: a check that ran meanwhile may have cached the token.
      generation++;
      pending.clear();
      cache.clear();
    },

    async list(): Promise<TokenInfo[]> {
      const { rows } = await db.query<{
        id: string;
        name: string;
        scopes: string[];
        created_by: string | null;
        created_at: string;
        last_used_at: string | null;
        revoked_at: string | null;
        expires_at: string | null;
      }>(
        `SELECT id, name, scopes, created_by, created_at, last_used_at, revoked_at, expires_at
         FROM api_tokens ORDER BY created_at, id`,
      );
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        scopes: r.scopes,
        createdBy: r.created_by,
        createdAt: r.created_at,
        lastUsedAt: r.last_used_at,
        revokedAt: r.revoked_at,
        expiresAt: r.expires_at,
      }));
    },
  };
}
