#!/usr/bin/env node
// Removes from a production node_modules the packages that only `natural` pulls in and that
// Köprü never loads: its storage back-ends' database drivers (mongoose/mongodb, redis, memjs),
// WordNet data and sentiment/stop-word lists. Köprü imports natural only through the submodules
// in ENTRY_POINTS, which load natural's own files plus KEEP and nothing else
// (test/deps/prune-natural.test.ts checks this with the pruned packages made unresolvable).
// npm cannot drop a dependency's dependencies (overrides only replace versions), hence this step.
//
//   node workers/prune-natural.mjs [--dry-run] [--json] [dir]   (dir: where node_modules is, default .)
//
// A package still reachable from another production dependency (pg is Köprü's own) is kept.
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

/** The natural submodules Köprü imports (src/nlp/stem.ts, workers/cli/train.ts). */
const ENTRY_POINTS = [
  'natural/lib/natural/stemmers/porter_stemmer.js',
  'natural/lib/natural/classifiers/bayes_classifier.js',
];
/** natural's dependencies that ENTRY_POINTS load; every other one is cut. */
const KEEP = ['apparatus', 'sylvester'];

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const asJson = args.includes('--json');
const root = resolve(args.find((a) => !a.startsWith('--')) ?? '.');

// The hidden lockfile describes what `npm ci` actually installed (after --omit=...).
const lockFile = join(root, 'node_modules', '.package-lock.json');
const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const installed = lock.packages;

/** Node's resolution of `name` required from the package installed at `from` ('' is the app). */
function locate(from, name) {
  let dir = from;
  while (true) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (installed[candidate] && !installed[candidate].link) return candidate;
    if (!dir) return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut < 0 ? '' : dir.slice(0, cut);
  }
}

function reachable(skipEdge) {
  const seen = new Set();
  const stack = Object.keys(manifest.dependencies ?? {})
    .map((n) => locate('', n))
    .filter(Boolean);
  while (stack.length) {
    const at = stack.pop();
    if (seen.has(at)) continue;
    seen.add(at);
    const p = installed[at];
    // An optional peer (bullmq's node-redis, pg) is used only when someone else installs it: no reason to keep.
    const peers = Object.keys(p.peerDependencies ?? {}).filter((n) => !p.peerDependenciesMeta?.[n]?.optional);
    const names = [...Object.keys({ ...p.dependencies, ...p.optionalDependencies }), ...peers];
    for (const name of names) {
      if (skipEdge(at, name)) continue;
      const dep = locate(at, name);
      if (dep) stack.push(dep);
    }
  }
  return seen;
}

const natural = locate('', 'natural');
if (!natural) throw new Error(`natural is not installed under ${root}`);
const all = reachable(() => false);
const kept = reachable((at, name) => at === natural && !KEEP.includes(name));
const pruned = [...all].filter((p) => !kept.has(p)).sort();

const bytes = (path) => {
  const st = lstatSync(path);
  if (!st.isDirectory()) return st.size;
  let sum = 0;
  for (const e of readdirSync(path)) sum += bytes(join(path, e));
  return sum;
};
const freed = pruned.reduce((sum, p) => sum + (existsSync(join(root, p)) ? bytes(join(root, p)) : 0), 0);

if (!dryRun) {
  for (const p of pruned) {
    rmSync(join(root, p), { recursive: true, force: true });
    delete installed[p];
  }
  writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
  const bin = join(root, 'node_modules', '.bin');
  for (const e of existsSync(bin) ? readdirSync(bin) : []) {
    try {
      statSync(join(bin, e));
    } catch {
      rmSync(join(bin, e), { force: true });
    }
  }
  // Fails the build if a package the entry points need went with the others.
  const require = createRequire(join(root, 'package.json'));
  for (const entry of ENTRY_POINTS) require(entry);
}

if (asJson)
  console.log(JSON.stringify({ pruned, freedBytes: freed, dryRun, entryPoints: ENTRY_POINTS, keep: KEEP }));
else
  console.log(
    `${dryRun ? 'would prune' : 'pruned'} ${pruned.length} packages only natural needs ` +
      `(${(freed / 2 ** 20).toFixed(1)} MiB): ${pruned.map((p) => p.replace(/^.*node_modules\//, '')).join(', ')}`,
  );
