import { ConflictError } from '../domain/errors.js';
import type { ShortcutPrefs } from '../domain/shortcuts.js';
import { isUuid, newId } from './ids.js';
import type { Database } from './types.js';

/** User roles, from most to least privileged. */
export const roles = ['admin', 'supervisor', 'staff', 'journalist'] as const;
export type Role = (typeof roles)[number];

/** A user as stored. The password hash is computed by the caller (argon2). */
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  /** The password was set by someone else (or printed): it must be changed at the next login. */
  mustChangePassword: boolean;
  /** Keyboard shortcut preferences; null = on, default keys. */
  shortcuts: ShortcutPrefs | null;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  must_change_password: boolean;
  shortcuts: ShortcutPrefs | null;
}

const columns =
  'id, email, name, role, password_hash, disabled, failed_logins, locked_until, created_at, must_change_password, shortcuts';

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  disabled: r.disabled,
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
  createdAt: r.created_at,
  mustChangePassword: r.must_change_password,
  shortcuts: r.shortcuts ?? null,
});

/** Users; e-mail addresses are unique case-insensitively. */
export function createUserStore(db: Database) {
  const one = async (where: string, param: string) => {
    const { rows } = await db.query<UserRow>(`SELECT ${columns} FROM users WHERE ${where}`, [param]);
    return rows[0] ? toUser(rows[0]) : null;
  };
  return {
    /** Creates a user; an e-mail already taken (in any letter case) throws ConflictError. */
    async create(u: {
      email: string;
      name: string;
      role: Role;
      passwordHash: string;
      mustChangePassword?: boolean;
    }): Promise<{ id: string }> {
      const id = newId();
      try {
        await db.query(
          `INSERT INTO users (id, email, name, role, password_hash, must_change_password)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, u.email.trim(), u.name, u.role, u.passwordHash, u.mustChangePassword ?? false],
        );
      } catch (err) {
        if ((err as { code?: string }).code === '23505') {
          throw new ConflictError(`a user with e-mail ${u.email} already exists`);
        }
        throw err;
      }
      return { id };
    },

    findByEmail: (email: string) => one('lower(email) = lower($1)', email.trim()),
    findById: async (id: string) => (isUuid(id) ? one('id = $1', id) : null),

    async count(): Promise<number> {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      return rows[0]?.n ?? 0;
    },

    async list(): Promise<UserRecord[]> {
      const { rows } = await db.query<UserRow>(`SELECT ${columns} FROM users ORDER BY lower(email)`);
      return rows.map(toUser);
    },

    /** Counts a failed login; from `maxAttempts` on, locks the account for `lockMs`. Returns the new count. */
    async recordLoginFailure(id: string, opts: { maxAttempts: number; lockMs: number }): Promise<number> {
      const { rows } = await db.query<{ failed_logins: number }>(
        `UPDATE users SET failed_logins = failed_logins + 1,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + $3 * interval '1 millisecond'
                          ELSE locked_until END
         WHERE id = $1 RETURNING failed_logins`,
        [id, opts.maxAttempts, opts.lockMs],
      );
      return rows[0]?.failed_logins ?? 0;
    },

    /** Resets the failure counter and lock after a successful login. */
    async recordLoginSuccess(id: string): Promise<void> {
      await db.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [id]);
    },

    async update(
      id: string,
      patch: Partial<{
        name: string;
        role: Role;
        passwordHash: string;
        disabled: boolean;
        mustChangePassword: boolean;
      }>,
    ): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE users SET name = COALESCE($2, name), role = COALESCE($3, role),
           password_hash = COALESCE($4, password_hash), disabled = COALESCE($5, disabled),
           must_change_password = COALESCE($6, must_change_password), updated_at = now()
         WHERE id = $1`,
        [
          id,
          patch.name ?? null,
          patch.role ?? null,
          patch.passwordHash ?? null,
          patch.disabled ?? null,
          patch.mustChangePassword ?? null,
        ],
      );
      return rowCount > 0;
    },

    /** Stores a user's keyboard shortcut preferences (null = back to the defaults). */
    async setShortcuts(id: string, prefs: ShortcutPrefs | null): Promise<boolean> {
      const { rowCount } = await db.query(
        'UPDATE users SET shortcuts = $2, updated_at = now() WHERE id = $1',
        [id, prefs === null ? null : JSON.stringify(prefs)],
      );
      return rowCount > 0;
    },
  };
}
