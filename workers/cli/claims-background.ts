/**
 * `npx tsx workers/cli/claims-background.ts [--data DIR] [--config DIR]`:
 * counts the document frequencies of the claim-matching features (as set in
 * config/nlp/claims.json) over the CheckThat! 2022 Turkish train tweets and
 * writes config/nlp/claim-background.json (hashed features, no text).
 * Deterministic: same data and settings give a byte-identical file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBackground, encodeBackground } from '../../src/nlp/claim-background.js';
import { claimMatchConfigSchema } from '../../src/nlp/claims.js';
import { CHECKTHAT_DIR, CHECKTHAT_TRAIN, readBackgroundTweets } from './claim-data.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: CHECKTHAT_DIR },
      config: { type: 'string', default: 'config' },
    },
  });
  const texts = await readBackgroundTweets(values.data);
  if (!texts) {
    process.stderr.write(
      `claims-background: ${join(values.data!, CHECKTHAT_TRAIN)} not found (pass --data DIR)\n`,
    );
    process.exit(1);
  }
  const cfgPath = join(values.config!, 'nlp', 'claims.json');
  const cfg = claimMatchConfigSchema.parse(JSON.parse(await readFile(cfgPath, 'utf8')));
  const bg = buildBackground(texts, { prefix: cfg.prefix, gramMin: cfg.gramMin, gramMax: cfg.gramMax });
  const file = encodeBackground(bg, `CheckThat! 2022 Turkish 1A train (${texts.length} tweets)`);
  const out = join(values.config!, 'nlp', 'claim-background.json');
  await writeFile(out, `${JSON.stringify(file)}\n`);
  process.stdout.write(
    `${out}: ${file.keys.length} features with df >= ${file.minDf} over ${file.docs} tweets\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`claims-background: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(2);
});
