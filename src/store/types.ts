/**
 * A minimal SQL client, implemented by both `pg` and PGlite. Parameters are `$1..$n`.
 *
 * Both adapters return the same JS types for the same SQL: `timestamptz` as an
 * ISO-8601 UTC string (`2024-01-01T12:00:00.000Z`), `date` as `YYYY-MM-DD`,
 * `int8`/`bigint` as a number, `numeric` as a string, `jsonb` parsed, arrays as JS arrays.
 */
export interface Sql {
  query<T = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: T[]; rowCount: number }>;
}

/** A transaction handle: `Sql` plus multi-statement scripts (migrations). */
export interface Tx extends Sql {
  /** Runs a script of one or more statements without parameters. */
  exec(script: string): Promise<void>;
}

/** Options of {@link Database.transaction}. */
export interface TxOptions {
  /**
   * No statement or query timeout inside this transaction: for migrations, whose DDL on a
   * large table and whose wait for another process's migration lock may take minutes.
   */
  unbounded?: boolean;
}

/** A database handle: the one typed layer the rest of the app talks to. */
export interface Database extends Sql {
  readonly kind: 'pg' | 'pglite';
  /** Runs `fn` in a transaction; commits on success, rolls back on throw. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, opts?: TxOptions): Promise<T>;
  /** Runs a script of one or more statements without parameters. */
  exec(script: string): Promise<void>;
  /** Throws UnavailableError when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
