import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckpointStore } from '../../src/connectors/imports/checkpoint.js';
import { detectImportFormat } from '../../src/connectors/imports/read-import.js';
import { runImport } from '../../src/connectors/imports/run-import.js';
import { AppError } from '../../src/domain/errors.js';
import type { Database } from '../../src/store/index.js';
import { type DbKind, freshDb, ingestApi, ingestOver } from './harness.js';
import { hostileImport, hostileRequest } from './hostile.js';

/**
 * Property-based fuzzing of both ingest endpoints and every importer with
 * hostile input (hostile.ts): every answer is 2xx or 4xx, never 5xx or a
 * crash, and the store holds exactly what was acknowledged: a refused request
 * or file leaves the row counts as they were, an accepted one adds exactly
 * the accepted count.
 *
 * Scale: KOPRU_FUZZ_RUNS requests per endpoint and database (default 150) and
 * import files per database (default a third of that); KOPRU_FUZZ_SEED
 * replays a run. A full-scale run, as in the reliability report:
 *   KOPRU_FUZZ_RUNS=2500 npx vitest run test/ingest/hostile-input.test.ts
 */
const RUNS = Math.max(1, Number(process.env.KOPRU_FUZZ_RUNS ?? 150));
const IMPORT_RUNS = Math.max(1, Math.round(RUNS / 3));
const SEED = process.env.KOPRU_FUZZ_SEED ? Number(process.env.KOPRU_FUZZ_SEED) : undefined;
// Generous per run (a loaded machine, PostgreSQL round trips), plus start-up.
const TIMEOUT = 60_000 + RUNS * 400;

const protoClean = () => {
  const probe = {} as Record<string, unknown>;
  return probe.polluted === undefined && probe.hacked === undefined && probe.b === undefined;
};

type Tally = Record<string, number>;
const bump = (t: Tally, k: string) => {
  t[k] = (t[k] ?? 0) + 1;
};

for (const kind of ['pglite', 'postgres'] as DbKind[]) {
  describe(`hostile input on ${kind}: only 4xx, no crash, no partial write`, () => {
    let env: { db: Database; dispose: () => Promise<void> } | null = null;
    let h: ReturnType<typeof ingestOver>;
    let dir = '';
    beforeAll(async () => {
      env = await freshDb(kind);
      if (env) h = ingestOver(env.db);
      dir = await mkdtemp(join(tmpdir(), 'kopru-fuzz-'));
    });
    afterAll(async () => {
      await env?.dispose();
      await rm(dir, { recursive: true, force: true });
    });

    it(
      `POST /api/v1/posts and /api/v1/applications (${RUNS} bodies each)`,
      async (t) => {
        if (!env) return t.skip();
        const api = ingestApi(h.ingest, { maxBodyBytes: 4 * 1024 * 1024, maxRecords: 2000 });
        const tally: Tally = {};
        const perPath: Record<string, number> = { '/posts': 0, '/applications': 0 };
        await fc.assert(
          fc.asyncProperty(hostileRequest, async (req) => {
            perPath[req.path]!++;
            const before = await h.counts();
            const res = await api.post(req.path, req.bytes, req.contentType);
            bump(tally, `${res.status}`);
            const after = await h.counts();
            const added = after.items - before.items;
            expect(res.status, 'never a server error').toBeLessThan(500);
            expect(res.headers.get('content-type')).toMatch(/application\/json/);
            const body = (await res.json()) as {
              accepted?: number;
              duplicates?: number;
              rejected?: { index: number; errors: { path: string; message: string }[] }[];
              error?: { code: string; message: string };
            };
            if (res.status === 200 || res.status === 422) {
              expect(body.accepted).toBeTypeOf('number');
              expect(body.duplicates).toBeTypeOf('number');
              const idx = body.rejected!.map((r) => r.index);
              expect(idx).toEqual([...new Set(idx)].sort((a, b) => a - b));
              for (const r of body.rejected!) {
                expect(r.index).toBeGreaterThanOrEqual(0);
                expect(r.errors.length).toBeGreaterThan(0);
                for (const e of r.errors) expect(e.message.length).toBeGreaterThan(0);
              }
              if (res.status === 422) expect(body.accepted! + body.duplicates!).toBe(0);
              // Stored exactly what was acknowledged.
              expect(added).toBe(body.accepted);
              const cases = after.cases - before.cases;
              expect(cases).toBe(req.path === '/applications' ? body.accepted : 0);
            } else {
              expect(body.error!.code.length).toBeGreaterThan(0);
              expect(body.error!.message.length).toBeGreaterThan(0);
              // A refused request leaves the store as it was.
              expect(after).toEqual(before);
            }
            expect(protoClean(), 'Object.prototype untouched').toBe(true);
          }),
          { numRuns: RUNS * 2, seed: SEED, endOnFailure: true },
        );
        console.info(
          `[fuzz ${kind}] ${RUNS * 2} requests ${JSON.stringify(perPath)}: ${JSON.stringify(tally)}`,
        );
        expect(Object.keys(tally).some((s) => s.startsWith('2'))).toBe(true);
        expect(Object.keys(tally).some((s) => s.startsWith('4'))).toBe(true);
      },
      TIMEOUT,
    );

    it(
      `every importer: jsonl, json, csv, telegram, x-archive, mastodon (${IMPORT_RUNS} files)`,
      async (t) => {
        if (!env) return t.skip();
        const checkpoints = createCheckpointStore(join(dir, 'checkpoints'));
        const tally: Tally = {};
        let n = 0;
        await fc.assert(
          fc.asyncProperty(hostileImport, async (imp) => {
            const file = join(dir, `f${n++}.${imp.format === 'csv' ? 'csv' : 'txt'}`);
            await writeFile(file, imp.bytes);
            // Detection never throws, whatever the bytes.
            const detected = await detectImportFormat(file);
            expect(detected === null || typeof detected === 'string').toBe(true);
            const before = await h.counts();
            let accepted: number;
            try {
              const sum = await runImport(h.ingest, {
                file,
                format: imp.format,
                kind: imp.kind,
                checkpoints,
                // Small chunks: many commits per file.
                chunkSize: 4,
              });
              bump(tally, `${imp.format}:done`);
              accepted = sum.accepted;
              expect(sum.rejectedCount).toBe(sum.rejected.length);
            } catch (err) {
              // A file that cannot be read to the end: a clear 4xx error, never anything else.
              expect(err).toBeInstanceOf(AppError);
              expect((err as AppError).status).toBeLessThan(500);
              bump(tally, `${imp.format}:${(err as AppError).code}`);
              // What was committed before the fault is what the checkpoint acknowledges.
              const cp = await checkpoints.load(await checkpoints.identify(file, imp.format, imp.kind));
              accepted = cp?.accepted ?? 0;
              await checkpoints.clear(file);
            }
            const after = await h.counts();
            expect(after.items - before.items).toBe(accepted);
            expect(after.cases - before.cases).toBe(imp.kind === 'application' ? accepted : 0);
            expect(protoClean(), 'Object.prototype untouched').toBe(true);
            await rm(file, { force: true });
          }),
          { numRuns: IMPORT_RUNS, seed: SEED, endOnFailure: true },
        );
        console.info(`[fuzz ${kind}] ${IMPORT_RUNS} import files: ${JSON.stringify(tally)}`);
      },
      TIMEOUT,
    );
  });
}
