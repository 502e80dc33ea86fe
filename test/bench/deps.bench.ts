import { execFile, execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Size of the production image's node_modules without a Docker engine: the Dockerfile's deps
 * stage (its COPY and RUN instructions) is replayed in a temporary directory and compared with
 * `npm ci --omit=dev` of the same package files, the image's install before optional packages
 * were left out and natural's unused drivers pruned. Needs the npm registry (or npm's cache).
 */
const ROOT = join(import.meta.dirname, '../..');
const sh = promisify(execFile);

/** The instructions of the `deps` stage, continuation lines joined. */
function depsStage(dockerfile: string): string[] {
  const lines = dockerfile.replace(/\\\n/g, ' ').split('\n');
  const from = lines.findIndex((l) => /^FROM\s+\S+\s+AS\s+deps\b/i.test(l));
  if (from < 0) throw new Error('Dockerfile has no deps stage');
  const end = lines.findIndex((l, i) => i > from && /^FROM\s/i.test(l));
  return lines.slice(from + 1, end < 0 ? undefined : end).filter((l) => /^(COPY|RUN)\s/.test(l));
}

async function replay(instructions: string[], dir: string): Promise<string> {
  let output = '';
  for (const ins of instructions) {
    const [op, ...rest] = ins.trim().split(/\s+/);
    if (op === 'COPY') {
      const dest = join(dir, rest.at(-1)!);
      const many = rest.length > 2 || rest.at(-1)!.endsWith('/');
      if (many) await mkdir(dest, { recursive: true });
      for (const src of rest.slice(0, -1)) await cp(join(ROOT, src), many ? join(dest, basename(src)) : dest);
    } else {
      const cmd = ins.trim().slice(3).trim();
      const { stdout } = await sh('/bin/sh', ['-c', cmd], { cwd: dir, maxBuffer: 64 * 2 ** 20 });
      output += stdout;
    }
  }
  return output;
}

function measure(dir: string) {
  const nm = join(dir, 'node_modules');
  const du = (flag: string) => Number(execFileSync('du', [flag, nm], { encoding: 'utf8' }).split('\t')[0]);
  const lock = JSON.parse(execFileSync('cat', [join(nm, '.package-lock.json')], { encoding: 'utf8' }));
  return { packages: Object.keys(lock.packages).length, diskKiB: du('-sk'), bytes: du('-sb') };
}

export default async function depsBench() {
  const work = await mkdtemp(join(tmpdir(), 'kopru-bench-deps-'));
  const MiB = (n: number) => (n / 2 ** 20).toFixed(1);
  try {
    const plain = join(work, 'plain');
    await mkdir(plain);
    for (const f of ['package.json', 'package-lock.json']) await cp(join(ROOT, f), join(plain, f));
    await sh('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: plain, maxBuffer: 64 * 2 ** 20 });
    const before = measure(plain);

    const stage = depsStage(await readFile(join(ROOT, 'Dockerfile'), 'utf8'));
    const image = join(work, 'image');
    await mkdir(image);
    const out = await replay(stage, image);
    const after = measure(image);
    const pruned = out.split('\n').find((l) => l.startsWith('pruned ')) ?? '(prune step printed nothing)';

    const row = (what: string, m: ReturnType<typeof measure>) =>
      `| ${what} | ${m.packages} | ${MiB(m.diskKiB * 1024)} MiB | ${MiB(m.bytes)} MiB |`;
    return {
      title: 'Production dependencies',
      markdown: `Command: \`npm run bench -- deps\` (test/bench/deps.bench.ts). No Docker engine is needed: the
Dockerfile's \`deps\` stage (its COPY and RUN lines) is replayed in a temporary directory, so the
figure is that of the image's \`/app/node_modules\`; \`du -sk\` (disk) and \`du -sb\` (apparent).

| install | packages | node_modules on disk | apparent size |
|---|---|---|---|
${row('`npm ci --omit=dev` (the image before: optional packages, no prune)', before)}
${row('Dockerfile deps stage: `--omit=dev --omit=optional`, argon2 binding, prune', after)}

Prune step: ${pruned}

The Meilisearch binary package alone is 125 MiB; production uses the official Meilisearch image.
\`--omit=optional\` also leaves out \`@node-rs/argon2\`'s native build (password hashing cannot load
without it), so the stage adds back the one for its platform at the version the lockfile records.
Before these changes (package files of commit 802181f, \`npm ci --omit=dev\`): 146 packages, 358 MiB on disk.
`,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
