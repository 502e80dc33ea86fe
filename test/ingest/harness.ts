import { Hono } from 'hono';
import pg from 'pg';
import { loadDeadlines } from '../../src/features/applications/deadline-config.js';
import { caseDeadline } from '../../src/features/applications/feature.js';
import { createIngestRoutes } from '../../src/features/ingest/ingest-routes.js';
import type { LoadShedOptions } from '../../src/features/ingest/load-shed.js';
import { createIngestService, type IngestService } from '../../src/pipeline/ingest.js';
import { type ItemJobPayload, jobItemIds } from '../../src/pipeline/item-stage.js';
import { createDatabase, createItemStore, type Database, migrate } from '../../src/store/index.js';
import { createErrorHandler } from '../../src/web/errors.js';
import { PG_URL, randomId, serviceAvailable } from '../helpers/env.js';

export type DbKind = 'pglite' | 'postgres';

/** A fresh migrated database of the given kind (null when PostgreSQL is unreachable outside CI). */
export async function freshDb(kind: DbKind): Promise<{ db: Database; dispose: () => Promise<void> } | null> {
  if (kind === 'pglite') {
    const db = await createDatabase({ dataDir: ':memory:' });
    await migrate(db);
    return { db, dispose: () => db.close() };
  }
  const up = await serviceAvailable('postgres', async () => {
    const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    await c.connect();
    await c.end();
  });
  if (!up) return null;
  const schema = randomId('t_ingest');
  const db = await createDatabase({ url: PG_URL, schema, max: 4 });
  await migrate(db);
  return {
    db,
    dispose: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
}

/** The ingest service over a database, with a queue that only counts what it was given. */
export function ingestOver(db: Database) {
  const items = createItemStore(db);
  const enqueued: string[] = [];
  const ingest = createIngestService({
    items,
    caseDeadline: caseDeadline(loadDeadlines('config')),
    queue: {
      enqueueMany: async (_job, jobs) => {
        for (const j of jobs) enqueued.push(...jobItemIds(j.payload as ItemJobPayload));
      },
    },
  });
  /** Rows in every table an ingest writes. */
  const counts = async () => {
    const { rows } = await db.query<{ items: number; applicants: number; cases: number }>(
      `SELECT (SELECT count(*)::int FROM items) AS items, (SELECT count(*)::int FROM applicants) AS applicants,
         (SELECT count(*)::int FROM application_cases) AS cases`,
    );
    return rows[0]!;
  };
  return { items, ingest, enqueued, counts };
}

/** The ingest API alone (routes, error mapping, a token that always verifies) over `ingest`. */
export function ingestApi(
  ingest: Pick<IngestService, 'ingest'>,
  opts: { maxBodyBytes?: number; maxRecords?: number; shed?: LoadShedOptions } = {},
) {
  const app = new Hono();
  app.onError(createErrorHandler({ error: () => undefined, warn: () => undefined }));
  app.route(
    '/api/v1',
    createIngestRoutes({
      ingest,
      verifyToken: async () => ({ id: 't', name: 'fuzz', scopes: ['ingest'] }),
      maxBodyBytes: opts.maxBodyBytes ?? 10 * 1024 * 1024,
      maxRecords: opts.maxRecords ?? 50_000,
      shed: opts.shed,
    }),
  );
  return {
    app,
    post: (
      path: '/posts' | '/applications',
      body: string | Uint8Array | ReadableStream<Uint8Array>,
      contentType = 'application/json',
    ) =>
      app.request(`/api/v1${path}`, {
        method: 'POST',
        body,
        headers: { authorization: 'Bearer kpr_test', 'content-type': contentType },
        // A stream body needs half-duplex in Node's fetch Request.
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit),
  };
}
