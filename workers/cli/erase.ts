import { parseArgs } from 'node:util';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { isUuid } from '../../src/store/ids.js';
import { runCli } from './common.js';

const USAGE = `usage:
  npm run erase -- --item ID [--item ID ...] --reason TEXT [--dry-run]
  npm run erase -- --tckn NUMBER | --email ADDRESS | --phone NUMBER --reason TEXT [--dry-run]
  npm run erase -- --retention [--dry-run]
Erases applicants' personal data (the anonymised record and statistics stay). --reason names the
request (e.g. the KVKK application reference) and goes to the audit log.`;

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      item: { type: 'string', multiple: true },
      tckn: { type: 'string' },
      email: { type: 'string' },
      phone: { type: 'string' },
      reason: { type: 'string' },
      retention: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
  });
  const selector = { itemIds: values.item, tckn: values.tckn, email: values.email, phone: values.phone };
  const bySelector = Object.values(selector).some((v) => v !== undefined);
  if (!!values.retention === bySelector) throw new Error(USAGE);
  const badId = values.item?.find((id) => !isUuid(id));
  if (badId) throw new Error(`usage: --item must be an item id (UUID), got "${badId}"`);
  if (values.tckn !== undefined && !/^\d{11}$/.test(values.tckn))
    throw new Error('usage: --tckn must be 11 digits');
  if (bySelector && !values['dry-run'] && !values.reason?.trim())
    throw new Error('usage: --reason is required (e.g. the reference of the erasure request)');

  const app = await createApp(loadConfig(), { role: 'cli' });
  try {
    if (values.retention) {
      const r = await app.erasure.applyRetention({ dryRun: values['dry-run'], actor: 'cli:retention' });
      console.log(
        JSON.stringify({ retentionDays: app.config.RETENTION_DAYS, dryRun: !!values['dry-run'], ...r }),
      );
    } else if (values['dry-run']) {
      const ids = await app.erasure.find(selector);
      console.log(JSON.stringify({ dryRun: true, matched: ids.length, itemIds: ids }));
    } else {
      const r = await app.erasure.erase(selector, { actor: 'cli', reason: values.reason!.trim() });
      console.log(JSON.stringify(r));
    }
    // The erasure and its audit entries are committed; the staff index follows through the
    // outbox. This process has no index worker, so it projects the erased items now; if the
    // search engine does not answer, the server's reconciler does it once it runs.
    if (!values['dry-run'])
      await app.indexPending().catch((err: Error) => {
        console.error(`search index not updated yet (${err.message}); the running server updates it`);
      });
  } finally {
    await app.close();
  }
});
