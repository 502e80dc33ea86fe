import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomId } from '../helpers/env.js';
import { startTestMeili } from '../helpers/meili.js';
import {
  buildDist,
  childEnv,
  cleanUpOnInterrupt,
  createDatabase,
  createToken,
  enginesOn,
  freePort,
  logTail,
  memoryOf,
  resetPeak,
  spawnEntry,
  startRedis,
  stop,
  waitHealthy,
} from '../helpers/process.js';

/**
 * Issue 15, item 1: the pipeline against the engine's own speed, in one run and
 * for the same final documents.
 *
 * For each mode (service mode with 1 and 2 worker processes: web + workers on
 * BullMQ, PostgreSQL and Meilisearch, all real processes; embedded mode: `npm
 * start`'s single process) and each repeat, on a fresh stack: a warm-up of 200
 * posts, then BENCH_ITEMS posts (default 50,000) over HTTP by 4 clients in
 * batches of 1,000, timed from the first request to the last document searchable
 * (Meilisearch's document count). Then the anchor: the pipeline's final documents,
 * exported from its index, bulk-indexed as NDJSON in 10,000-document batches into a
 * fresh index with the same settings, timed from the first request to the last task
 * done, on the pipeline's engine once idle and on a fresh engine; the faster counts. Ratio = pipeline items/s ÷ anchor docs/s,
 * per repeat; medians and ranges over the repeats.
 *
 * Freshness: on a fresh stack per mode, batches of 20 posts every 100 ms (200
 * items/s) for BENCH_FRESH_SECONDS (default 60); each batch carries its own
 * source, and the engine is asked every 50 ms which of the pending batches are
 * wholly searchable. Freshness of a batch = its answer → all of it searchable.
 *
 * Memory: peak RSS (VmHWM) of each process. CPU: seconds used by each process
 * (and all PostgreSQL backends) during the throughput run, to tell which resource
 * saturates.
 */

const N = Number(process.env.BENCH_ITEMS ?? 50_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const MODES = (process.env.BENCH_MODES ?? 'services-1,services-2,embedded').split(',') as ModeName[];
const FRESH_S = Number(process.env.BENCH_FRESH_SECONDS ?? 60);
/** A directory: the worker and all-in-one processes write V8 CPU profiles there (`--cpu-prof`). */
const CPU_PROF = process.env.BENCH_CPU_PROF;
/** More Node.js options for the worker and all-in-one processes (e.g. `--trace-gc`, a heap limit). */
const EXTRA_NODE_ARGS = process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
/**
 * `1`: run the TypeScript sources under tsx (as `npm start` does) instead of the production build
 * (`npm run build`, `node dist/workers/….js`, as the Docker image runs them; the default).
 */
const FROM_SOURCE = process.env.BENCH_FROM_SOURCE === '1';
const nodeArgs = [...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []), ...EXTRA_NODE_ARGS];
/** Index-stage and embedded-database settings passed on to the stack when set (to compare them). */
const tuning = Object.fromEntries(
  ['INDEX_BATCH_SIZE', 'INDEX_BATCH_CHARS', 'INDEX_BATCH_MS', 'INDEX_MAX_TASKS', 'PGLITE_THREAD']
    .filter((k) => process.env[k])
    .map((k) => [k, process.env[k]]),
);
const FRESH_BATCH = 20;
const FRESH_EVERY_MS = 100;
const CLIENTS = 4;
const BATCH = 1000;
const ANCHOR_BATCH = 10_000;

export type ModeName = 'services-1' | 'services-2' | 'embedded';

export interface Stack {
  base: string;
  /** The PostgreSQL database and the Redis of a services stack. */
  databaseUrl?: string;
  redisUrl?: string;
  token: string;
  meili: { url: string; key: string };
  indexUid: string;
  /** Node processes of the stack by role (web, worker-1, all-in-one, ...). */
  processes: { name: string; child: ChildProcess }[];
  /** Processes outside the stack's Node code: Meilisearch, Redis. */
  others: { name: string; pid: number }[];
  dispose(): Promise<void>;
}

// --- stacks -----------------------------------------------------------------

async function startServices(workers: number): Promise<Stack> {
  const cleanups: (() => Promise<void>)[] = [];
  const logs = logTail();
  try {
    const redis = await startRedis();
    cleanups.push(() => stop(redis.child, 5000));
    const meili = await startTestMeili();
    cleanups.push(() => meili.stop());
    const db = await createDatabase('kopru_bench');
    cleanups.push(() => db.drop());
    const port = await freePort();
    const prefix = `${randomId('bp')}_`;
    const env = childEnv({
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: randomId('bq'),
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      MEILI_INDEX_PREFIX: prefix,
      // The pipeline's own rate: no shedding of the backlog the run builds on purpose.
      INGEST_MAX_BACKLOG: '0',
      INGEST_MAX_IN_FLIGHT: '0',
      ...tuning,
    });
    const processes: Stack['processes'] = [];
    const web = logs.attach(spawnEntry('web', env, [], { built: !FROM_SOURCE }), 'web');
    processes.push({ name: 'web', child: web });
    cleanups.unshift(() => stop(web));
    const base = `http://127.0.0.1:${port}`;
    await waitHealthy(base, 180_000, logs.text);
    const token = await createToken(env, 'bench', ['ingest', 'read']);
    for (let w = 1; w <= workers; w++) {
      const child = logs.attach(spawnEntry('worker', env, nodeArgs, { built: !FROM_SOURCE }), `worker-${w}`);
      processes.push({ name: `worker-${w}`, child });
      cleanups.unshift(() => stop(child));
    }
    return {
      base,
      databaseUrl: db.url,
      redisUrl: redis.url,
      token,
      meili: { url: meili.url, key: meili.masterKey },
      indexUid: `${prefix}items`,
      processes,
      others: [
        { name: 'redis', pid: redis.child.pid! },
        ...(await enginesOn(meili.dataDir)).map((pid) => ({ name: 'meilisearch', pid })),
      ],
      dispose: async () => {
        for (const c of cleanups) await c().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const c of cleanups) await c().catch(() => undefined);
    throw new Error(`services stack did not start: ${err}\n${logs.text().slice(-2000)}`);
  }
}

async function startEmbedded(): Promise<Stack> {
  const dir = await mkdtemp(join(tmpdir(), 'kopru-bench-'));
  const logs = logTail();
  const port = await freePort();
  const env = childEnv({
    NODE_ENV: 'production',
    PORT: String(port),
    DATA_DIR: join(dir, 'data'),
    INGEST_MAX_BACKLOG: '0',
    INGEST_MAX_IN_FLIGHT: '0',
    ...tuning,
  });
  let child: ChildProcess | undefined;
  const dispose = async () => {
    await stop(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // The token is created first, with the same DATA_DIR (PGlite is single-process).
    const token = await createToken(env, 'bench', ['ingest', 'read']);
    child = logs.attach(spawnEntry('all-in-one', env, nodeArgs, { built: !FROM_SOURCE }), 'all-in-one');
    const base = `http://127.0.0.1:${port}`;
    await waitHealthy(base, 180_000, logs.text);
    const meiliDir = join(dir, 'data', 'meili');
    const key = (await readFile(join(meiliDir, 'master.key'), 'utf8')).trim();
    const pids = await enginesOn(meiliDir);
    const addr = await httpAddrOf(pids[0]!);
    return {
      base,
      token,
      meili: { url: `http://${addr}`, key },
      indexUid: 'kopru_items',
      processes: [{ name: 'all-in-one', child }],
      others: pids.map((pid) => ({ name: 'meilisearch', pid })),
      dispose,
    };
  } catch (err) {
    await dispose();
    throw new Error(`embedded stack did not start: ${err}\n${logs.text().slice(-2000)}`);
  }
}

/** Stacks started and not yet disposed: an interrupted run (Ctrl-C, SIGTERM) still disposes them. */
const live = new Set<Stack>();

export async function startStack(mode: ModeName): Promise<Stack> {
  const stack = await (mode === 'embedded' ? startEmbedded() : startServices(mode === 'services-2' ? 2 : 1));
  const dispose = stack.dispose;
  live.add(stack);
  stack.dispose = async () => {
    live.delete(stack);
    await dispose();
  };
  return stack;
}

async function httpAddrOf(pid: number): Promise<string> {
  const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
  return args[args.indexOf('--http-addr') + 1]!;
}

// --- measurements -----------------------------------------------------------

const PROVINCES = ['İstanbul', 'Ankara', 'İzmir', 'Hatay', 'Van', 'Muğla', 'Trabzon', 'Diyarbakır'];
const SUBJECTS = ['baraj', 'köprü', 'deprem', 'aşı', 'seçim', 'su kesintisi', 'elektrik', 'okul', 'hastane'];
const CLAIMS = [
  'çatlak olduğu iddia ediliyor',
  'yıkılacağı söyleniyor, silinmeden paylaşın',
  'yetkililer gerçeği saklıyor',
  'yarın tamamen kapatılacakmış',
  'resmi açıklama bekleniyor',
  'görüntüler eski, yeni değil',
];
const TAILS = ['#SonDakika', '#acil', 'herkes duysun!', 'kaynak: bir arkadaş', '', 'RT lütfen'];

/** A deterministic, varied tweet-length post (generated text, nothing from a dataset). */
export function post(run: string, i: number, source: string) {
  const p = PROVINCES[i % PROVINCES.length]!;
  const s = SUBJECTS[(i * 7) % SUBJECTS.length]!;
  const c = CLAIMS[(i * 13) % CLAIMS.length]!;
  const t = TAILS[(i * 5) % TAILS.length]!;
  return {
    source,
    externalId: `${run}-${i}`,
    text: `${p} ${s} hakkında: ${c}. Kayıt ${i}, ${(i * 37) % 1000} kişi paylaştı ${t}`,
    province: p,
  };
}

export async function meiliCount(stack: Stack): Promise<number> {
  const res = await fetch(`${stack.meili.url}/indexes/${stack.indexUid}/stats`, {
    headers: { authorization: `Bearer ${stack.meili.key}` },
  });
  if (res.status === 404) return 0;
  if (!res.ok) throw new Error(`stats: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { numberOfDocuments: number }).numberOfDocuments;
}

async function waitCount(stack: Stack, target: number, timeoutMs: number, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await meiliCount(stack)) >= target) return performance.now();
    if (Date.now() > deadline) throw new Error(`only ${await meiliCount(stack)} of ${target} searchable`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function postBatch(stack: Stack, records: unknown[]) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${stack.base}/api/v1/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(records),
    });
    const text = await res.text();
    if (res.status === 200) return JSON.parse(text) as { accepted: number };
    if (attempt >= 20 || ![429, 503].includes(res.status)) throw new Error(`ingest: ${res.status} ${text}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** CPU seconds used so far by a process (user + system). */
async function cpuOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/** CPU seconds of every PostgreSQL server process (backends come and go; the sum is what counts). */
async function postgresCpu(): Promise<number> {
  let sum = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === 'postgres') sum += await cpuOf(Number(entry));
  }
  return sum;
}

async function cpuSnapshot(stack: Stack): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  for (const p of stack.processes) m.set(p.name, await cpuOf(p.child.pid!));
  for (const o of stack.others) m.set(o.name, (m.get(o.name) ?? 0) + (await cpuOf(o.pid)));
  m.set('postgres', await postgresCpu());
  return m;
}

interface ThroughputRun {
  mode: ModeName;
  acceptPerS: number;
  pipelinePerS: number;
  anchorPerS: number;
  /** Meilisearch CPU µs per document during the anchor (the engine's own cost at its best batch size). */
  anchorEngineUs: number;
  /** The anchor's docs/s on the pipeline's engine and on a fresh engine (the faster is `anchorPerS`). */
  anchorBoth: [number, number];
  /** Cores used per process during the pipeline run (CPU seconds ÷ wall seconds). */
  cores: Record<string, number>;
  /** Peak RSS per Node process during the run, MB. */
  peaks: Record<string, number>;
  /** Peak RSS per Node process from its start to the end of the warm-up, MB. */
  startPeaks: Record<string, number>;
}

/** The start-up peak of each Node process of the stack; their peaks then start again. */
async function resetPeaks(stack: Stack): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const p of stack.processes) out[p.name] = await resetPeak(p.child.pid!);
  return out;
}

async function throughput(mode: ModeName, repeat: number): Promise<ThroughputRun> {
  const stack = await startStack(mode);
  try {
    const run = randomId(`r${repeat}`);
    // Warm-up: workers loaded, the engine's first task done, connections open.
    await postBatch(
      stack,
      Array.from({ length: 200 }, (_, i) => post(`${run}w`, i, 'bench-warmup')),
    );
    await waitCount(stack, 200, 300_000);
    const before = await meiliCount(stack);
    const startPeaks = await resetPeaks(stack);
    const cpu0 = await cpuSnapshot(stack);
    const t0 = performance.now();
    let next = 0;
    let acceptedAt = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (;;) {
          const start = next;
          next += BATCH;
          if (start >= N) return;
          const records = Array.from({ length: Math.min(BATCH, N - start) }, (_, k) =>
            post(run, start + k, `bench-${(start + k) % 7}`),
          );
          await postBatch(stack, records);
        }
      }),
    );
    acceptedAt = performance.now();
    const doneAt = await waitCount(stack, before + N, 1_800_000);
    const cpu1 = await cpuSnapshot(stack);
    const wall = (doneAt - t0) / 1000;
    const cores: Record<string, number> = {};
    for (const [k, v] of cpu1) cores[k] = (v - (cpu0.get(k) ?? 0)) / wall;
    const peaks: Record<string, number> = {};
    for (const p of stack.processes) peaks[p.name] = (await memoryOf(p.child.pid!)).peak;
    const { perS: anchorPerS, engineUs: anchorEngineUs, samePerS, freshPerS } = await anchor(stack);
    return {
      mode,
      acceptPerS: N / ((acceptedAt - t0) / 1000),
      pipelinePerS: N / wall,
      anchorPerS,
      anchorEngineUs,
      anchorBoth: [samePerS, freshPerS],
      cores,
      peaks,
      startPeaks,
    };
  } finally {
    await stack.dispose();
  }
}

/**
 * Raw bulk indexing of the pipeline's final documents: exported from its index,
 * sent as NDJSON in 10,000-document batches into a fresh index with the same
 * settings on the same engine; from the first request until the last task is done.
 * Also the engine's CPU per document meanwhile: the floor of its share of a pipeline item.
 */
async function anchor(
  stack: Stack,
): Promise<{ perS: number; engineUs: number; samePerS: number; freshPerS: number }> {
  const client = (url: string, key: string) => {
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const api = async (method: string, path: string, body?: unknown, contentType?: string) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: contentType ? { ...headers, 'content-type': contentType } : headers,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const waitTask = async (uid: number) => {
      for (;;) {
        const t = await api('GET', `/tasks/${uid}`);
        if (t.status === 'succeeded') return;
        if (t.status === 'failed' || t.status === 'canceled')
          throw new Error(`task ${uid}: ${JSON.stringify(t)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const task = async (method: string, path: string, body?: unknown, contentType?: string) =>
      ((await api(method, path, body, contentType)) as { taskUid: number }).taskUid;
    return { api, waitTask, task };
  };
  const source = client(stack.meili.url, stack.meili.key);
  // The final documents, as NDJSON bodies prepared before the clock starts.
  const bodies: string[] = [];
  let lines: string[] = [];
  let docs = 0;
  for (let offset = 0; ; offset += ANCHOR_BATCH) {
    const page = (await source.api('POST', `/indexes/${stack.indexUid}/documents/fetch`, {
      offset,
      limit: ANCHOR_BATCH,
    })) as { results: unknown[] };
    for (const d of page.results) {
      lines.push(JSON.stringify(d));
      if (lines.length === ANCHOR_BATCH) {
        bodies.push(lines.join('\n'));
        lines = [];
      }
    }
    docs += page.results.length;
    if (page.results.length < ANCHOR_BATCH) break;
  }
  if (lines.length > 0) bodies.push(lines.join('\n'));
  const settings = await source.api('GET', `/indexes/${stack.indexUid}/settings`);
  /** Times the bulk load into a fresh index `uid` on one engine; its CPU from `pids`. */
  const bulk = async (target: ReturnType<typeof client>, pids: number[], uid: string) => {
    const engineCpu = async () => {
      let sum = 0;
      for (const pid of pids) sum += await cpuOf(pid);
      return sum;
    };
    await target.waitTask(await target.task('POST', '/indexes', { uid, primaryKey: 'id' }));
    await target.waitTask(await target.task('PATCH', `/indexes/${uid}/settings`, settings));
    const cpu0 = await engineCpu();
    const t0 = performance.now();
    const tasks: number[] = [];
    for (const body of bodies)
      tasks.push(
        await target.task('POST', `/indexes/${uid}/documents?primaryKey=id`, body, 'application/x-ndjson'),
      );
    for (const t of tasks) await target.waitTask(t);
    const ms = performance.now() - t0;
    const engineUs = ((await engineCpu()) - cpu0) * 1e6;
    const stats = await target.api('GET', `/indexes/${uid}/stats`);
    if (stats.numberOfDocuments !== docs)
      throw new Error(`anchor indexed ${stats.numberOfDocuments} of ${docs}`);
    await target.waitTask(await target.task('DELETE', `/indexes/${uid}`));
    return { perS: docs / (ms / 1000), engineUs: engineUs / docs };
  };
  // 1. The pipeline's own engine, once it is idle (tasks the pipeline left queued, replacements of
  // documents already counted, would otherwise run during the anchor).
  for (const until = performance.now() + 300_000; ; ) {
    const busy = (await source.api('GET', '/tasks?statuses=enqueued,processing&limit=1')) as {
      total?: number;
    };
    if (!busy.total) break;
    if (performance.now() > until) throw new Error(`engine still busy: ${JSON.stringify(busy)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const pids = stack.others.filter((o) => o.name === 'meilisearch').map((o) => o.pid);
  const same = await bulk(source, pids, `${stack.indexUid}_anchor`);
  // 2. A fresh engine of the same build with nothing else to do; its start-up is paid first.
  const engine = await startTestMeili();
  let fresh: { perS: number; engineUs: number };
  try {
    const target = client(engine.url, engine.masterKey);
    await target.waitTask(await target.task('POST', '/indexes', { uid: 'warm', primaryKey: 'id' }));
    await target.waitTask(await target.task('POST', '/indexes/warm/documents', [{ id: 'w' }]));
    fresh = await bulk(target, await enginesOn(engine.dataDir), stack.indexUid);
  } finally {
    await engine.stop();
  }
  // Neither is reliably the faster one: the anchor is the better of the two.
  return { ...(same.perS >= fresh.perS ? same : fresh), samePerS: same.perS, freshPerS: fresh.perS };
}

interface Freshness {
  mode: ModeName;
  batches: number;
  p50: number;
  p95: number;
  max: number;
  peaks: Record<string, number>;
  startPeaks: Record<string, number>;
}

async function freshness(mode: ModeName): Promise<Freshness> {
  const stack = await startStack(mode);
  try {
    const run = randomId('f');
    await postBatch(
      stack,
      Array.from({ length: 200 }, (_, i) => post(`${run}w`, i, 'bench-warmup')),
    );
    await waitCount(stack, 200, 300_000);
    const pending = new Map<string, number>(); // source → when its batch was answered
    const latencies: number[] = [];
    let sending = true;
    const poller = (async () => {
      while (sending || pending.size > 0) {
        await new Promise((r) => setTimeout(r, 50));
        if (pending.size === 0) continue;
        const sources = [...pending.keys()];
        const res = await fetch(`${stack.meili.url}/indexes/${stack.indexUid}/search`, {
          method: 'POST',
          headers: { authorization: `Bearer ${stack.meili.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            q: '',
            limit: 0,
            filter: `source IN [${sources.map((s) => JSON.stringify(s)).join(', ')}]`,
            facets: ['source'],
          }),
        });
        const body = (await res.json()) as { facetDistribution?: { source?: Record<string, number> } };
        const now = performance.now();
        for (const s of sources)
          if ((body.facetDistribution?.source?.[s] ?? 0) >= FRESH_BATCH) {
            latencies.push(now - pending.get(s)!);
            pending.delete(s);
          }
      }
    })();
    const startPeaks = await resetPeaks(stack);
    const t0 = performance.now();
    const sends: Promise<void>[] = [];
    for (let b = 0; performance.now() - t0 < FRESH_S * 1000; b++) {
      const due = t0 + b * FRESH_EVERY_MS;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const source = `fresh-${run}-${b}`;
      const records = Array.from({ length: FRESH_BATCH }, (_, k) => post(run, b * FRESH_BATCH + k, source));
      sends.push(
        postBatch(stack, records).then(() => {
          pending.set(source, performance.now());
        }),
      );
    }
    await Promise.all(sends);
    sending = false;
    await Promise.race([
      poller,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('freshness: batches never searchable')), 300_000),
      ),
    ]);
    const sorted = latencies.sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
    const peaks: Record<string, number> = {};
    for (const p of stack.processes) peaks[p.name] = (await memoryOf(p.child.pid!)).peak;
    return {
      mode,
      batches: sorted.length,
      p50: q(0.5),
      p95: q(0.95),
      max: sorted.at(-1)!,
      peaks,
      startPeaks,
    };
  } finally {
    await stack.dispose();
  }
}

// --- report -----------------------------------------------------------------

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const range = (xs: number[], f: (n: number) => string) => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const two = (n: number) => n.toFixed(2);

export default async function () {
  // Interrupted: stop the processes, drop the databases, delete the data.
  const offSignal = cleanUpOnInterrupt(() => Promise.allSettled([...live].map((s) => s.dispose())));
  try {
    return await pipelineBench();
  } finally {
    offSignal();
  }
}

async function pipelineBench() {
  if (!FROM_SOURCE) {
    console.error('   building the production code (npm run build)');
    await buildDist();
  }
  const runs: ThroughputRun[] = [];
  // Interleaved: repeat 1 of every mode, then repeat 2, ... so drift on a shared machine hits all modes alike.
  for (let r = 1; r <= REPEATS; r++)
    for (const mode of MODES) {
      console.error(`   throughput ${mode}, repeat ${r}`);
      runs.push(await throughput(mode, r));
    }
  const fresh: Freshness[] = [];
  for (const mode of [...new Set(MODES.map((m) => (m === 'embedded' ? m : 'services-1')))] as ModeName[]) {
    if (FRESH_S <= 0) break;
    console.error(`   freshness ${mode}`);
    fresh.push(await freshness(mode));
  }

  const rows = MODES.map((mode) => {
    const rs = runs.filter((r) => r.mode === mode);
    const ratio = rs.map((r) => r.pipelinePerS / r.anchorPerS);
    return `| ${mode} | ${int(median(rs.map((r) => r.acceptPerS)))} | ${int(median(rs.map((r) => r.pipelinePerS)))} (${range(
      rs.map((r) => r.pipelinePerS),
      int,
    )}) | ${int(median(rs.map((r) => r.anchorPerS)))} (${range(
      rs.map((r) => r.anchorPerS),
      int,
    )}) | **${two(median(ratio))}** (${range(ratio, two)}) |`;
  });
  const s1 = runs.filter((r) => r.mode === 'services-1').map((r) => r.pipelinePerS);
  const s2 = runs.filter((r) => r.mode === 'services-2').map((r) => r.pipelinePerS);
  const scale = s1.length && s2.length ? `${two(median(s2) / median(s1))}×` : 'not measured';
  const coreRows = MODES.map((mode) => {
    const rs = runs.filter((r) => r.mode === mode);
    const names = [...new Set(rs.flatMap((r) => Object.keys(r.cores)))];
    const total = median(rs.map((r) => Object.values(r.cores).reduce((a, b) => a + b, 0)));
    return `| ${mode} | ${names.map((n) => `${n} ${two(median(rs.map((r) => r.cores[n] ?? 0)))}`).join(', ')} | ${two(total)} |`;
  });
  // CPU per item: cores ÷ items/s. Two cores bound the pipeline at 2 s of CPU per second, so the best
  // rate the machine allows with these costs is 2 / (sum of CPU per item); with the engine at its
  // anchor cost (big batches) instead of its pipeline cost it is the ceiling of batching alone.
  const budgetRows = MODES.map((mode) => {
    const rs = runs.filter((r) => r.mode === mode);
    const names = [...new Set(rs.flatMap((r) => Object.keys(r.cores)))];
    const us = (n: string) => median(rs.map((r) => ((r.cores[n] ?? 0) / r.pipelinePerS) * 1e6));
    const total = names.reduce((a, n) => a + us(n), 0);
    const engine = us('meilisearch');
    const anchorUs = median(rs.map((r) => r.anchorEngineUs));
    const anchorPerS = median(rs.map((r) => r.anchorPerS));
    const ceiling = 2e6 / (total - engine + anchorUs);
    const parts = names.filter((n) => us(n) >= 0.5).map((n) => `${n} ${int(us(n))}`);
    const share = two(ceiling / anchorPerS);
    return `| ${mode} | ${parts.join(', ')} | ${int(total)} | ${int(anchorUs)} | ${int(ceiling)} (${share} of the anchor) |`;
  });
  // "start-up peak → peak during the run" per process.
  const peakCell = (n: string, start: number, run: number) => `${n} ${int(start)} → ${int(run)}`;
  const peakRows = [
    ...MODES.map((mode) => {
      const rs = runs.filter((r) => r.mode === mode);
      const names = [...new Set(rs.flatMap((r) => Object.keys(r.peaks)))];
      const most = (pick: (r: ThroughputRun) => Record<string, number>, n: string) =>
        Math.max(...rs.map((r) => pick(r)[n] ?? 0));
      return `| ${mode}, ${int(N)} items | ${names
        .map((n) =>
          peakCell(
            n,
            most((r) => r.startPeaks, n),
            most((r) => r.peaks, n),
          ),
        )
        .join(', ')} |`;
    }),
    ...fresh.map(
      (f) =>
        `| ${f.mode}, freshness run | ${Object.entries(f.peaks)
          .map(([n, v]) => peakCell(n, f.startPeaks[n] ?? 0, v))
          .join(', ')} |`,
    ),
  ];
  const freshRows = fresh.map(
    (f) => `| ${f.mode} | ${f.batches} | ${int(f.p50)} | ${int(f.p95)} | ${int(f.max)} |`,
  );

  return {
    title: 'Pipeline throughput: accepted → searchable',
    markdown: `Command: \`npm run bench -- pipeline\` (test/bench/pipeline.bench.ts; \`BENCH_ITEMS\`=${N}, \`BENCH_REPEATS\`=${REPEATS}, \`BENCH_MODES\`=${MODES.join(',')}, \`BENCH_FRESH_SECONDS\`=${FRESH_S}).
Every run starts a fresh stack of real processes${FROM_SOURCE ? ', from the TypeScript sources under tsx (`BENCH_FROM_SOURCE=1`)' : ' of the production build (`npm run build`; `node dist/workers/….js` with `NODE_ENV=production`, as the Docker image runs them)'}: **services-k** is \`workers/web.ts\` with k \`workers/worker.ts\` (BullMQ on a private redis-server, a fresh PostgreSQL database, a private Meilisearch); **embedded** is \`workers/all-in-one.ts\` (what \`npm start\` runs: PGlite, in-process queue, its own Meilisearch). After a warm-up of 200 posts, ${int(N)} generated tweet-length Turkish posts go in over HTTP (${CLIENTS} clients, batches of ${BATCH}), timed from the first request until Meilisearch counts the last document. **Anchor**: the same final documents, exported from the pipeline's index, bulk-indexed as NDJSON in ${int(ANCHOR_BATCH)}-document batches into a fresh index with the same settings (first request to last task done), twice: on the pipeline's engine once it is idle, and on a fresh engine of the same build (its start-up paid before the clock starts); the anchor is the faster of the two. The ratio is taken per repeat; medians with the range over ${REPEATS} interleaved repeats.

| mode | API accept (items/s) | accepted → searchable (items/s) | anchor: raw NDJSON bulk (docs/s) | pipeline / anchor |
|---|---|---|---|---|
${rows.join('\n')}

Anchor on the pipeline's engine / on a fresh engine, docs/s (median per mode): ${MODES.map((mode) => {
      const rs = runs.filter((r) => r.mode === mode);
      return `${mode} ${int(median(rs.map((r) => r.anchorBoth[0])))} / ${int(median(rs.map((r) => r.anchorBoth[1])))}`;
    }).join('; ')}.

1 → 2 workers: ${scale}. Target: pipeline ≥ 0.60 of the anchor in service mode with 2 workers and in embedded mode.

Cores used during the run (CPU seconds ÷ wall seconds, median; "postgres" sums every server process; 2 cores in all):

| mode | per process | total |
|---|---|---|
${coreRows.join('\n')}

CPU per item (µs: each process's CPU seconds ÷ items made searchable, median). "Engine at anchor cost" is Meilisearch's CPU per
document during the anchor; "ceiling" is what two fully busy cores allow with the other processes' costs as measured
and the engine at its anchor cost: 2 CPU-seconds per second ÷ (the non-engine µs + the anchor µs).

| mode | per process | total | engine at anchor cost | ceiling on 2 cores (items/s) |
|---|---|---|---|---|
${budgetRows.join('\n')}

Freshness at a steady ${(FRESH_BATCH * 1000) / FRESH_EVERY_MS} items/s for ${FRESH_S} s (batches of ${FRESH_BATCH} every ${FRESH_EVERY_MS} ms, each its own source; a batch is searchable when the engine counts all of it, asked every 50 ms), ms from the batch's answer:

| mode | batches | p50 | p95 | max |
|---|---|---|---|---|
${freshRows.join('\n')}

Target: p95 < 2,000 ms in both modes.

Peak resident memory (VmHWM, MB; the embedded process without its Meilisearch): the peak from the process's start to the end of the warm-up, then the peak during the measured run (the kernel's peak is reset in between; each run starts on a fresh data directory, so the embedded process creates its database at start-up, which a later start of the same directory does not):

| run | start-up peak → peak during the run |
|---|---|
${peakRows.join('\n')}

Targets: worker < 300 MB during the throughput run; the embedded process < 500 MB. Tagging throughput with 10,000 claims: "NLP tagging" below.
`,
  };
}
