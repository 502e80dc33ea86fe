/** A minimal SQL client, implemented by both `pg` and PGlite. Parameters are `$1..$n`. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[]; rowCount: number }>;
}

/** A database handle: the one typed layer the rest of the app talks to. */
export interface Database extends Sql {
  readonly kind: 'pg' | 'pglite';
  /** Runs `fn` in a transaction; commits on success, rolls back on throw. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Throws UnavailableError when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
