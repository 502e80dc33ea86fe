import { readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/**
 * Runs every `test/bench/*.bench.ts` (default export: async () => {title, markdown})
 * one after another and writes BENCHMARKS.md with the machine and the command.
 * `npm run bench -- NAME` runs only the benches whose file name contains NAME and
 * replaces just their sections, keeping the others from the previous run.
 */
const dir = import.meta.dirname;
const only = process.argv[2];
const files = (await readdir(dir))
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
const sections: string[] = [];
for (const f of files) {
  console.error(`== ${f}`);
  const mod = (await import(join(dir, f))) as { default: () => Promise<{ title: string; markdown: string }> };
  const started = Date.now();
  const r = await mod.default();
  console.error(`   ${((Date.now() - started) / 1000).toFixed(1)} s`);
  sections.push(`## ${r.title}\n\n${r.markdown.trim()}\n`);
}
const cpu = cpus();
const header = `# Benchmarks

Measured by \`npm run bench\` (test/bench/run.ts runs every \`test/bench/*.bench.ts\`).
Machines are shared and noisy: compare ratios measured in the same run, not absolute numbers across runs.

- Date: ${new Date().toISOString()}
- Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${process.platform}/${process.arch}
- Node.js ${process.version}
`;
const target = join(dir, '..', '..', 'BENCHMARKS.md');
const titleOf = (section: string) => section.split('\n', 1)[0];
let kept: string[] = [];
if (only) {
  const previous = await readFile(target, 'utf8').catch(() => '');
  const fresh = new Set(sections.map(titleOf));
  kept = previous
    .split(/^(?=## )/m)
    .slice(1)
    .map((s) => `${s.trim()}\n`)
    .filter((s) => !fresh.has(titleOf(s)));
}
const out = `${header}\n${[...kept, ...sections].join('\n')}`;
await writeFile(target, out);
console.log(out);
process.exit(0);
