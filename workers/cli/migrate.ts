import { migrateOnly } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { runCli } from './common.js';

// `npm run migrate`: brings the PostgreSQL schema up to date and exits. With DATABASE_OWNER_URL
// the migrations run as that owner role and DATABASE_URL's role is granted only what the app needs
// (docs/OPERATIONS.md "Database roles"); prints one JSON line with the migrations applied.
await runCli(async () => {
  const config = loadConfig();
  const { applied } = await migrateOnly(config);
  console.log(JSON.stringify({ applied, owner: !!config.DATABASE_OWNER_URL }));
});
