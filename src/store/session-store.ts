import { createHash, randomBytes } from 'node:crypto';
import type { ShortcutPrefs } from '../domain/shortcuts.js';
import type { Sql } from './types.js';

/** Session data kept server-side. */
export interface SessionData {
  csrf: string;
}

/** A live session joined with its user. */
export interface SessionWithUser {
  id: string;
  userId: string;
  expiresAt: string;
  data: SessionData;
  user: {
    id: string;
    email: string;
    name: string;
    role: 'admin' | 'supervisor' | 'staff' | 'journalist';
    mustChangePassword: boolean;
    shortcuts: ShortcutPrefs | null;
  };
}

// Only a hash of the cookie value is stored, so a database leak does not hand out live sessions.
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Server-side sessions in the `sessions` table; expired or disabled-user sessions never resolve. */
export function createSessionStore(db: Sql) {
  return {
    /** Creates a session and returns the cookie value (shown once) and its CSRF token. */
    async create(userId: string, ttlMs: number): Promise<{ token: string; csrf: string }> {
      const token = randomBytes(32).toString('base64url');
      const csrf = randomBytes(24).toString('base64url');
      await db.query(
        `INSERT INTO sessions (id, user_id, expires_at, data)
         VALUES ($1, $2, now() + $3 * interval '1 millisecond', $4::jsonb)`,
        [hashToken(token), userId, ttlMs, JSON.stringify({ csrf })],
      );
      return { token, csrf };
    },

    async get(token: string): Promise<SessionWithUser | null> {
      const { rows } = await db.query<{
        id: string;
        user_id: string;
        expires_at: string;
        data: SessionData;
        email: string;
        name: string;
        role: SessionWithUser['user']['role'];
        must_change_password: boolean;
        shortcuts: ShortcutPrefs | null;
      }>(
        `SELECT s.id, s.user_id, s.expires_at, s.data, u.email, u.name, u.role, u.must_change_password, u.shortcuts
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id = $1 AND s.expires_at > now() AND NOT u.disabled`,
        [hashToken(token)],
      );
      const r = rows[0];
      if (!r) return null;
      return {
        id: r.id,
        userId: r.user_id,
        expiresAt: r.expires_at,
        data: r.data,
        user: {
          id: r.user_id,
          email: r.email,
          name: r.name,
          role: r.role,
          mustChangePassword: r.must_change_password,
          shortcuts: r.shortcuts ?? null,
        },
      };
    },

    /** Extends a session (sliding expiry). */
    async touch(sessionId: string, ttlMs: number): Promise<void> {
      await db.query(`UPDATE sessions SET expires_at = now() + $2 * interval '1 millisecond' WHERE id = $1`, [
        sessionId,
        ttlMs,
      ]);
    },

    async destroy(token: string): Promise<void> {
      await db.query('DELETE FROM sessions WHERE id = $1', [hashToken(token)]);
    },

    /** Ends every session of a user (role change, disable, password reset). */
    async destroyForUser(userId: string): Promise<void> {
      await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
    },

    async purgeExpired(): Promise<number> {
      return (await db.query('DELETE FROM sessions WHERE expires_at <= now()')).rowCount;
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
