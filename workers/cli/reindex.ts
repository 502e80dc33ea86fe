import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { reindexResponses } from '../../src/pipeline/publish.js';
import { reindexItems } from '../../src/pipeline/reindex.js';
import { runCli } from './common.js';

await runCli(async () => {
  const app = await createApp(loadConfig(), { role: 'cli' });
  try {
    let started = Date.now();
    const n = await reindexItems(app);
    console.log(JSON.stringify({ index: 'items', documents: n, seconds: (Date.now() - started) / 1000 }));
    started = Date.now();
    const r = await reindexResponses({ publications: app.stores.publications, search: app.search });
    console.log(JSON.stringify({ index: 'responses', documents: r, seconds: (Date.now() - started) / 1000 }));
  } finally {
    await app.close();
  }
});
