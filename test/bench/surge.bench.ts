import { defaultSurgeOptions, scanSurges } from '../../src/domain/surge.js';
import { generateStream } from '../../src/domain/surge-stream.js';
import { createTestApp, eventually } from '../helpers/app.js';

/**
 * Surge detection cost per 1,000 items: (1) the pure detector over a generated month
 * (every key checked every 15 minutes), (2) the periodic task in the embedded store
 * after an import of a week of history (read the new tag results, load the occurrence
 * times of the changed keys, scan, record), and the false alerts over generated months.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 5);
const DB_ITEMS = Number(process.env.BENCH_SURGE_ITEMS ?? 5000);

function pure() {
  const stream = generateStream({ topics: 200, days: 30, seed: 11 });
  const items = [...stream.values()].reduce((s, t) => s + t.length, 0);
  const t0 = performance.now();
  let episodes = 0;
  for (const times of stream.values())
    episodes += scanSurges(times, T0, T0 + 30 * DAY, defaultSurgeOptions, null, T0).length;
  const ms = performance.now() - t0;
  return { items, keys: stream.size, ms, episodes };
}

function falseAlerts(o = defaultSurgeOptions, seeds = [1, 2, 3]) {
  let n = 0;
  for (const seed of seeds)
    for (const times of generateStream({ topics: 100, days: 30, seed }).values())
      n += scanSurges(times, T0, T0 + 30 * DAY, o, null, T0).length;
  return n;
}

async function withStore() {
  const t = await createTestApp('embedded', { ALERT_TICK_MS: '3600000' });
  try {
    await t.app.startWorkers();
    const end = Math.floor(Date.now() / HOUR) * HOUR;
    const words =
      'belediye yol su elektrik okul hastane park otobüs trafik pazar fiyat kira maaş sınav deprem'.split(
        ' ',
      );
    const posts = Array.from({ length: DB_ITEMS }, (_, i) => ({
      source: 'bench',
      externalId: `b-${i}`,
      text: `${Array.from({ length: 12 }, (_, k) => words[(i * 7 + k * 5 + (i % 13) * k) % words.length]).join(' ')} ${i}`,
      publishedAt: new Date(end - 7 * DAY + Math.floor((i / DB_ITEMS) * 7 * DAY)).toISOString(),
      province: ['Ankara', 'İzmir', 'Bursa'][i % 3],
    }));
    for (let i = 0; i < posts.length; i += 1000) await t.app.ingest.ingest('post', posts.slice(i, i + 1000));
    await eventually('tagged', async () => (await t.app.stores.items.countByStage()).received === 0, 600_000);
    const task = t.app.features.find((f) => f.name === 'alerts')!.tasks![0]!;
    const t0 = performance.now();
    const r = (await task.run()) as { keys: number; created: number };
    return { ms: performance.now() - t0, ...r };
  } finally {
    await t.dispose();
  }
}

export default async function bench() {
  const p = pure();
  const fa = falseAlerts();
  // Baseline: the same test against the seven-day mean and same-hour mean only (no recent level).
  const faFresh = falseAlerts(defaultSurgeOptions, [101, 102, 103]);
  const faBase = falseAlerts({ ...defaultSurgeOptions, recentMs: 0 });
  // Robustness: a stricter and a looser test around the defaults.
  const faStrict = falseAlerts({ ...defaultSurgeOptions, alpha: 1e-7 });
  const faLoose = falseAlerts({ ...defaultSurgeOptions, alpha: 1e-5, minRatio: 3 });
  const db = await withStore();
  const rows = [
    `| pure detector, generated month (${p.keys} keys, check every 15 min) | ${p.items} | ${p.ms.toFixed(0)} | ${((p.ms / p.items) * 1000).toFixed(1)} |`,
    `| periodic task after importing a week (embedded PGlite; ${db.keys} keys) | ${DB_ITEMS} | ${db.ms.toFixed(0)} | ${((db.ms / DB_ITEMS) * 1000).toFixed(1)} |`,
  ];
  return {
    title: 'Surge detection',
    markdown: `Command: \`npm run bench -- surge\` (\`BENCH_SURGE_ITEMS\`=${DB_ITEMS} for the store run).
The detector compares each key's last hour with the seven days before (src/domain/surge.ts).

| run | items | ms | ms per 1,000 items |
|---|---|---|---|
${rows.join('\n')}

False alerts over generated noisy background (3 × 100 topics × 30 days; rates 0.05–5 an hour,
daily rhythm, day-to-day gamma factor; no planted spike): **${fa}** episodes in 216,000 key-hours
(${(fa / 300).toFixed(3)} per topic-month). Baseline without the recent-level term: ${faBase}.
Around the defaults: alpha 1e-7 → ${faStrict}; alpha 1e-5 with ratio 3 → ${faLoose}. The parameters were
set by hand, but the recent-level term was added after the first version gave the baseline figure
on these same streams, so the held-out figure is the one to quote: on fresh seeds (101–103, same
generator) **${faFresh}** episodes (${(faFresh / 300).toFixed(3)} per topic-month). The planted-spike tests (src/domain/surge.test.ts, test/alerts) pass
with the defaults. Episodes in the pure run: ${p.episodes}. The machine was shared with other jobs
during this run.
`,
  };
}
