import { appendFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, eventually, servicesAvailable } from '../helpers/app.js';
import { PG_URL } from '../helpers/env.js';
import { type CutMode, startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

/**
 * PostgreSQL faults injected between the app and the server by a TCP proxy (and by
 * pg_terminate_backend): ingest answers 503 with a JSON error instead of hanging or crashing,
 * acknowledges nothing it did not store, stores nothing it did not acknowledge (but for a
 * COMMIT whose answer is lost, which the retry then counts as duplicates), /readyz says so,
 * and the same app recovers without a restart. With KOPRU_FAULT_REPORT=FILE the measured
 * answer times are appended to FILE as JSON (they are recorded, never asserted).
 */

/** Far above every timeout configured below: an answer later than this is a hang. */
const HANG_MS = 15_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Answer = { status: number; body: Record<string, unknown>; ms: number };
type IngestBody = { accepted: number; duplicates: number; error?: { code: string; message: string } };

describe('PostgreSQL unreachable or reset (services)', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>> | undefined;
  let proxy: TcpProxy;
  let direct: pg.Client;
  /** Holds the blocking lock (pg_stat_activity read inside a transaction is a frozen snapshot). */
  let holder: pg.Client;
  let token = '';
  const measured: Record<string, unknown>[] = [];

  beforeAll(async () => {
    if (!(await servicesAvailable())) return;
    const target = new URL(PG_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    ctx = await createTestApp(
      'services',
      {
        DB_CONNECT_TIMEOUT_MS: '1000',
        DB_STATEMENT_TIMEOUT_MS: '4000',
        DB_QUERY_TIMEOUT_MS: '5000',
        DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2000',
        DB_KEEPALIVE_MS: '1000',
      },
      { pgPort: proxy.port },
    );
    token = (await ctx.app.stores.tokens.create({ name: 'kesinti', scopes: ['ingest'] })).token;
    direct = new pg.Client({ connectionString: ctx.directDatabaseUrl });
    await direct.connect();
    holder = new pg.Client({ connectionString: ctx.directDatabaseUrl });
    await holder.connect();
  });
  afterAll(async () => {
    if (!ctx) return;
    if (process.env.KOPRU_FAULT_REPORT)
      await appendFile(process.env.KOPRU_FAULT_REPORT, `${JSON.stringify(measured, null, 1)}\n`);
    await direct.end();
    await holder.end();
    await proxy.restore();
    await ctx.dispose();
    await proxy.close();
  });

  /** Sends a request; one that has not answered after HANG_MS fails the test as hung. */
  const send = async (path: string, init?: RequestInit): Promise<Answer> => {
    const t0 = performance.now();
    const res = await Promise.race([ctx!.app.web.request(path, init), sleep(HANG_MS).then(() => null)]);
    const ms = Math.round(performance.now() - t0);
    if (!res) throw new Error(`${init?.method ?? 'GET'} ${path} hung for more than ${HANG_MS} ms`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, ms };
  };
  const records = (batch: string, n = 10) =>
    Array.from({ length: n }, (_, i) => ({
      source: 'kesinti',
      externalId: `${batch}-${i}`,
      text: `Veritabanı kesintisi sınaması, parti ${batch}, kayıt ${i}`,
    }));
  const ingest = (batch: string) =>
    send('/api/v1/posts', {
      method: 'POST',
      body: JSON.stringify(records(batch)),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  /** External ids of a batch as stored, read past the proxy. */
  const stored = async (batch: string) =>
    (
      await direct.query<{ external_id: string; n: number }>(
        `SELECT external_id, count(*)::int AS n FROM items WHERE source = 'kesinti' AND external_id LIKE $1
         GROUP BY external_id ORDER BY external_id`,
        [`${batch}-%`],
      )
    ).rows;
  const expect503 = (a: Answer) => {
    expect(a.status).toBe(503);
    const { error } = a.body as IngestBody;
    expect(error?.code).toBe('service_unavailable');
    expect(error?.message).toMatch(/^postgres: /);
  };
  const expectReady = async () =>
    eventually('ready again', async () => (await send('/readyz')).status === 200, 30_000);
  /** After recovery: a batch answered 503 is stored exactly once on retry, and an acknowledged one is a duplicate. */
  const expectRetryStoresOnce = async (failed: string, acked?: string) => {
    const retry = await ingest(failed);
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ accepted: 10, duplicates: 0 });
    expect((await stored(failed)).map((r) => r.n)).toEqual(Array(10).fill(1));
    if (acked) expect((await ingest(acked)).body).toMatchObject({ accepted: 0, duplicates: 10 });
  };

  for (const mode of ['refuse', 'blackhole'] as CutMode[]) {
    it(`unreachable (${mode === 'refuse' ? 'connections reset and refused' : 'connections hang'}): 503, readyz says so, recovers`, async (t) => {
      if (!ctx) return t.skip();
      const before = await ingest(`${mode}-ok`);
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({ accepted: 10, duplicates: 0 });

      proxy.cut(mode);
      const during = [await ingest(`${mode}-down1`), await ingest(`${mode}-down2`)];
      for (const a of during) expect503(a);
      const ready = await send('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'unavailable', checks: { database: { status: 'error' } } });

      await proxy.restore();
      await expectReady();
      // Nothing acknowledged was lost, nothing answered 503 was stored.
      expect(await stored(`${mode}-ok`)).toHaveLength(10);
      expect(await stored(`${mode}-down1`)).toEqual([]);
      expect(await stored(`${mode}-down2`)).toEqual([]);
      await expectRetryStoresOnce(`${mode}-down1`, `${mode}-ok`);
      measured.push({ fault: `unreachable, ${mode}`, ingestMs: during.map((a) => a.ms), readyzMs: ready.ms });
    });
  }

  it('connection reset in the middle of the insert transaction: 503, no crash, nothing stored', async (t) => {
    if (!ctx) return t.skip();
    proxy.cutWhen('INSERT INTO items', 'refuse');
    const a = await ingest('reset-mid');
    expect503(a);
    await proxy.restore();
    await expectReady();
    expect(await stored('reset-mid')).toEqual([]);
    await expectRetryStoresOnce('reset-mid');
    measured.push({ fault: 'reset during INSERT', ingestMs: [a.ms] });
  });

  it('COMMIT lost on the way (connections hang): 503, the server ends the open transaction, nothing stored', async (t) => {
    if (!ctx) return t.skip();
    proxy.cutWhen('COMMIT', 'blackhole');
    const a = await ingest('hang-commit');
    expect503(a);
    // The server's side of the hung connection sits idle in the transaction (holding its
    // row locks) until idle_in_transaction_session_timeout ends it, while still cut off.
    await eventually(
      'the abandoned transaction ended by the server',
      async () =>
        (
          await direct.query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
             AND state LIKE 'idle in transaction%'`,
          )
        ).rowCount === 0,
      20_000,
    );
    expect(await stored('hang-commit')).toEqual([]);
    await proxy.restore();
    await expectReady();
    await expectRetryStoresOnce('hang-commit');
    measured.push({ fault: 'COMMIT black-holed', ingestMs: [a.ms] });
  });

  it('COMMIT reached the server but its answer was lost: 503, and the retry counts every record as a duplicate', async (t) => {
    if (!ctx) return t.skip();
    proxy.cutWhen('COMMIT', 'blackhole', { forward: true });
    const a = await ingest('lost-ack');
    expect503(a);
    await proxy.restore();
    await expectReady();
    // No client can tell this case from a failed commit: the records are stored though the
    // answer was 503. The idempotency keys make the client's retry safe.
    expect(await stored('lost-ack')).toHaveLength(10);
    const retry = await ingest('lost-ack');
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ accepted: 0, duplicates: 10 });
    expect((await stored('lost-ack')).map((r) => r.n)).toEqual(Array(10).fill(1));
    measured.push({ fault: 'COMMIT answer black-holed', ingestMs: [a.ms] });
  });

  /** Holds a lock that blocks the ingest insert until `holder` rolls back. */
  const blockInserts = async () => {
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE items IN SHARE MODE');
  };
  /** The pid of the app's backend whose insert waits on that lock. */
  const waitingInsert = async () => {
    let pid = 0;
    await eventually(
      'the ingest insert waiting on the lock',
      async () => {
        const { rows } = await direct.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
           AND query LIKE '%INSERT INTO items%'`,
        );
        pid = rows[0]?.pid ?? 0;
        return pid > 0;
      },
      10_000,
    );
    return pid;
  };

  it("the app's backend terminated mid-transaction (pg_terminate_backend): 503, no crash, the next request works", async (t) => {
    if (!ctx) return t.skip();
    await blockInserts();
    try {
      const pending = ingest('terminated');
      const pid = await waitingInsert();
      const { rows } = await direct.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pid]);
      expect(rows[0]?.ok).toBe(true);
      const a = await pending;
      expect503(a);
      measured.push({ fault: 'pg_terminate_backend during INSERT', ingestMs: [a.ms] });
    } finally {
      await holder.query('ROLLBACK');
    }
    expect(await stored('terminated')).toEqual([]);
    await expectRetryStoresOnce('terminated');
  });

  it('a statement blocked on a lock is cancelled by statement_timeout: 503, nothing stored', async (t) => {
    if (!ctx) return t.skip();
    await blockInserts();
    let a: Answer;
    try {
      a = await ingest('blocked');
    } finally {
      await holder.query('ROLLBACK');
    }
    expect503(a);
    expect(a.body.error).toMatchObject({ message: expect.stringMatching(/time/i) });
    expect(await stored('blocked')).toEqual([]);
    await expectRetryStoresOnce('blocked');
    measured.push({ fault: 'insert blocked on a lock', ingestMs: [a.ms] });
  });
});
