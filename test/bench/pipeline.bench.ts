import type { ItemDocument } from '../../src/search/types.js';
import { createTestApp, eventually, type Mode } from '../helpers/app.js';

const N = Number(process.env.BENCH_ITEMS ?? 5000);
const PROVINCES = ['İstanbul', 'Ankara', 'İzmir', 'Hatay', 'Van', 'Muğla'];

const postsFor = (mode: Mode) =>
  Array.from({ length: N }, (_, i) => ({
    source: `bench-${i % 7}`,
    externalId: `${mode}-${i}`,
    text: `Son dakika: ${PROVINCES[i % PROVINCES.length]} barajında çatlak olduğu iddiası, silinmeden paylaşın! Kayıt ${i} #SonDakika`,
    province: PROVINCES[i % PROVINCES.length],
  }));

async function measure(mode: Mode) {
  // Measures the pipeline's own rate: no load shedding of the backlog it builds on purpose.
  const ctx = await createTestApp(mode, { INGEST_MAX_BACKLOG: '0' });
  try {
    await ctx.app.startWorkers();
    const { token } = await ctx.app.stores.tokens.create({ name: 'bench', scopes: ['ingest', 'read'] });
    const posts = postsFor(mode);
    const t0 = performance.now();
    for (let i = 0; i < posts.length; i += 1000) {
      const res = await ctx.app.web.request('/api/v1/posts', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(posts.slice(i, i + 1000)),
      });
      if (res.status !== 200) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
    }
    const accepted = performance.now() - t0;
    await eventually(
      'all searchable',
      async () => (await ctx.app.search.search('items', { limit: 0 })).total === N,
      600_000,
    );
    const pipelineMs = performance.now() - t0;

    // Meilisearch's own bulk rate for the very same documents, in the same run and process.
    const docs: ItemDocument[] = [];
    for await (const page of ctx.app.stores.items.iterateTagged(1000))
      docs.push(...(await ctx.app.projection.decorate(page)));
    async function* batches() {
      for (let i = 0; i < docs.length; i += 1000) yield docs.slice(i, i + 1000);
    }
    const t1 = performance.now();
    await ctx.app.search.rebuild('items', batches());
    const meiliMs = performance.now() - t1;
    return {
      mode,
      acceptedPerS: N / (accepted / 1000),
      pipelinePerS: N / (pipelineMs / 1000),
      meiliPerS: N / (meiliMs / 1000),
    };
  } finally {
    await ctx.dispose();
  }
}

/** Items per second from accepted to searchable, beside Meilisearch's bulk-indexing rate for the same documents. */
export default async function () {
  const rows = [];
  for (const mode of ['embedded', 'services'] as Mode[]) rows.push(await measure(mode));
  const fmt = (n: number) => n.toFixed(0);
  return {
    title: 'Pipeline throughput: accepted → searchable',
    markdown: `${N} tweet-length Turkish posts posted through the API in batches of 1,000 (in-process HTTP), timed until all are searchable. "Meilisearch bulk" re-indexes the same ${N} documents straight into a fresh index (rebuild + swap) in the same run. Command: \`npm run bench -- pipeline\` (BENCH_ITEMS sets N).

| mode | API accept (items/s) | accepted → searchable (items/s) | Meilisearch bulk (docs/s) | pipeline / bulk |
|---|---|---|---|---|
${rows.map((r) => `| ${r.mode} | ${fmt(r.acceptedPerS)} | ${fmt(r.pipelinePerS)} | ${fmt(r.meiliPerS)} | ${(r.pipelinePerS / r.meiliPerS).toFixed(2)} |`).join('\n')}
`,
  };
}
