/**
 * `npm run tag -- [--claims FILE] [--config DIR]`: JSONL {"id","text"} on stdin,
 * one JSON result per line on stdout (contract in DESIGN.md). The claims file
 * holds {"id","text","verdict"?,"aliases"?:[...],"examples"?:[...]} per line;
 * `matches` is the ranked top 5 [{claimId, score, confident, terms}], best
 * first, never cut by a threshold.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadTagger, readClaimsFile } from '../../src/pipeline/load-tagger.js';

const inputSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  kind: z.enum(['post', 'application']).optional(),
  lang: z.string().optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { claims: { type: 'string' }, config: { type: 'string', default: 'config' } },
  });
  const claims = values.claims ? await readClaimsFile(values.claims) : undefined;
  const tagger = await loadTagger(values.config!, { claims });
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  let failed = 0;
  const out: string[] = [];
  const flush = () => {
    if (out.length) process.stdout.write(`${out.join('\n')}\n`);
    out.length = 0;
  };
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let parsed: z.infer<typeof inputSchema>;
    try {
      parsed = inputSchema.parse(JSON.parse(line));
    } catch (err) {
      failed++;
      process.stderr.write(`line ${lineNo}: invalid input (${(err as Error).message.split('\n')[0]})\n`);
      continue;
    }
    const { signature: _sig, ...result } = tagger.tag(parsed.text, {
      id: parsed.id,
      kind: parsed.kind,
      lang: parsed.lang,
    });
    out.push(JSON.stringify({ id: parsed.id, ...result }));
    if (out.length >= 256) flush();
  }
  flush();
  if (failed) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`tag: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(2);
});
