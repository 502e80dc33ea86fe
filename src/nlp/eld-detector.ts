import { execFile, execFileSync } from 'node:child_process';

/**
 * eld's `small` n-gram detector, loaded on first use and without the memory its data module costs.
 *
 * eld ships its 81,000 n-grams as a 1.6 MB JavaScript object literal. Compiling that literal takes
 * about 1.5 s and leaves the process about 150 MB larger for good (V8's parser memory goes back to
 * the allocator, not to the system), while the same data parsed as JSON costs about 45 MB. So a child
 * Node process evaluates eld's data module and prints it as JSON, and this process parses that
 * into an eld instance of its own; the child's memory goes with it. The data and the detector are
 * eld's own, unchanged (`eld-detector.test.ts` checks the results against `eld/small`). Nothing is
 * loaded at import: the web process, which tags nothing, never pays for it.
 *
 * eld exposes no way to hand an instance its data, so its `createEld` is imported from the file
 * beside the `eld/small` entry (the package's exports map lists entries only); the version is pinned
 * in package.json.
 */
export interface EldResult {
  language: string;
  getScores(): Record<string, number>;
  isReliable(): boolean;
}
export interface EldDetector {
  detect(text: string): EldResult;
}
interface EldData {
  type: string;
  languages: Record<string, string>;
  ngrams: Record<string, Record<string, number>>;
}

const ENTRY = import.meta.resolve('eld/small');
const DATA_URL = new URL('../ngrams/small.js', ENTRY).href;
const { createEld } = (await import(new URL('../languageDetector.js', ENTRY).href)) as {
  createEld(): { instance: EldDetector; loadData(data: EldData): string };
};

// The child prints the data module's object as JSON; it reads nothing else and writes nothing else.
const CHILD_ARGS = [
  '--input-type=module',
  '-e',
  `import { ngramsData } from ${JSON.stringify(DATA_URL)}; process.stdout.write(JSON.stringify(ngramsData));`,
];
const CHILD_OPTS = { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' as const, windowsHide: true };

let detector: EldDetector | undefined;
let loading: Promise<EldDetector> | undefined;

function build(json: string): EldDetector {
  const data = JSON.parse(json) as EldData;
  if (typeof data?.type !== 'string' || !data.languages || !data.ngrams)
    throw new Error('eld data: unexpected shape');
  const { instance, loadData } = createEld();
  if (!loadData(data)) throw new Error('eld data: not loaded');
  return instance;
}

/** eld's data module evaluated here, as `eld/small` does: the fallback when no child can run. */
async function buildInProcess(): Promise<EldDetector> {
  const { eld } = (await import('eld/small')) as unknown as { eld: EldDetector };
  return eld;
}

/**
 * Loads the detector ahead of its first use, without blocking the event loop (the child works
 * meanwhile). Safe to call more than once; a failed child falls back to loading in this process.
 */
export function preloadEld(): Promise<EldDetector> {
  if (detector) return Promise.resolve(detector);
  loading ??= new Promise<string>((resolve, reject) =>
    execFile(process.execPath, CHILD_ARGS, CHILD_OPTS, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    ),
  )
    .then(build)
    .catch(() => buildInProcess())
    .then((d) => {
      detector ??= d;
      return detector;
    });
  return loading;
}

/** The detector, loaded now (synchronously, in a child) if nothing preloaded it. */
export function eldDetector(): EldDetector {
  if (detector) return detector;
  // No in-process fallback here: a dynamic import cannot be awaited synchronously. If the child
  // cannot run, the error says so, and `preloadEld` (which the tagger's loader awaits) has the fallback.
  detector = build(execFileSync(process.execPath, CHILD_ARGS, CHILD_OPTS));
  return detector;
}
