import { isUuid, newId } from './ids.js';
import type { Sql } from './types.js';

/** A user's saved triage query (the query string of /queue). */
export interface SavedSearch {
  id: string;
  name: string;
  query: string;
}

/** Saved searches, private to each user. */
export function createSavedSearchStore(db: Sql) {
  return {
    async create(userId: string, name: string, query: string): Promise<string> {
      const id = newId();
      await db.query('INSERT INTO saved_searches (id, user_id, name, query) VALUES ($1, $2, $3, $4)', [
        id,
        userId,
        name,
        query,
      ]);
      return id;
    },
    async list(userId: string): Promise<SavedSearch[]> {
      const { rows } = await db.query<SavedSearch>(
        'SELECT id, name, query FROM saved_searches WHERE user_id = $1 ORDER BY created_at',
        [userId],
      );
      return rows;
    },
    /** Deletes only the user's own entry; returns false otherwise. */
    async remove(userId: string, id: string): Promise<boolean> {
      if (!isUuid(id)) return false;
      return (
        (await db.query('DELETE FROM saved_searches WHERE id = $1 AND user_id = $2', [id, userId])).rowCount >
        0
      );
    },
  };
}
