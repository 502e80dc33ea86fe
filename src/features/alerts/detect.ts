import { defaultSurgeOptions, type SurgeEpisode, type SurgeOptions, scanSurges } from '../../domain/surge.js';
import type { Logger } from '../../obs/logger.js';
import type { PeriodicTask } from '../../queue/scheduler.js';
import type { Alert, AlertKey, AlertStore } from '../../store/alert-store.js';

/** How far before the last run's mark each run reads again. */
const REREAD_MS = 5 * 60_000;

const keyOf = (k: AlertKey) => `${k.kind}\u0000${k.subject}\u0000${k.province ?? ''}`;
const ms = (iso: string) => Date.parse(iso);

/**
 * The surge detector as a periodic task: reads the items tagged since its last run,
 * and for their claims and clusters (in all provinces and per province) and for the
 * episodes still open, scans occurrence times from the earliest new item to now.
 * An import of old posts is thus judged at the time the posts were made. Each new
 * episode is stored once (`onNew` is called for it); a later scan that finds the same
 * episode again, or its continuation, updates that row.
 */
export function createSurgeDetection(deps: {
  alerts: Pick<
    AlertStore,
    | 'watermark'
    | 'setWatermark'
    | 'newSince'
    | 'changedSubjects'
    | 'events'
    | 'historyStart'
    | 'open'
    | 'record'
    | 'list'
  >;
  tickMs: number;
  webhook: boolean;
  onNew?: (alertId: string) => Promise<void> | void;
  logger?: Pick<Logger, 'info'>;
  options?: SurgeOptions;
  now?: () => number;
}) {
  const o = deps.options ?? defaultSurgeOptions;
  const now = deps.now ?? Date.now;

  async function run(): Promise<{ keys: number; created: number; updated: number }> {
    const mark = await deps.alerts.watermark();
    // Read a margin before the mark: a tag transaction that began before the last run but
    // committed after it stamps its rows earlier than the mark. Re-reading them is harmless.
    const since = mark ? new Date(Date.parse(mark) - REREAD_MS).toISOString() : null;
    const fresh = await deps.alerts.newSince(since);
    const open = await deps.alerts.open();
    const to = now();
    const subjects = fresh.taggedUntil
      ? await deps.alerts.changedSubjects(since, fresh.taggedUntil)
      : { clusters: [], claims: [] };
    for (const a of open) (a.kind === 'claim' ? subjects.claims : subjects.clusters).push(a.subject);
    const starts = [...(fresh.earliest ? [ms(fresh.earliest)] : []), ...open.map((a) => ms(a.windowStart))];
    const history = await deps.alerts.historyStart();
    let created = 0;
    let updated = 0;
    let keys = 0;
    if (starts.length > 0 && history) {
      // A little before the earliest new item: its window ends after it.
      const from = Math.min(...starts) - o.stepMs;
      const lo = from - o.windowMs - o.baselineMs;
      const events = await deps.alerts.events(
        { clusters: [...new Set(subjects.clusters)], claims: [...new Set(subjects.claims)] },
        new Date(lo).toISOString(),
        new Date(to).toISOString(),
      );
      const series = new Map<string, { key: AlertKey; times: number[] }>();
      const add = (key: AlertKey, at: number) => {
        const k = keyOf(key);
        let s = series.get(k);
        if (!s) {
          s = { key, times: [] };
          series.set(k, s);
        }
        s.times.push(at);
      };
      const clusterSet = new Set(subjects.clusters);
      const claimSet = new Set(subjects.claims);
      for (const e of events) {
        const at = ms(e.at);
        for (const [kind, subject, wanted] of [
          ['cluster', e.clusterKey, clusterSet] as const,
          ...e.claimIds.map((id) => ['claim', id, claimSet] as const),
        ]) {
          if (!subject || !wanted.has(subject)) continue;
          add({ kind, subject, province: null }, at);
          if (e.province) add({ kind, subject, province: e.province }, at);
        }
      }
      const openByKey = new Map(open.map((a) => [keyOf(a), a]));
      // Episodes already stored in the scanned range, to recognise one found again.
      const known = new Map<string, Alert[]>();
      for (const a of await deps.alerts.list({
        since: new Date(from - o.cooldownMs - o.windowMs),
        limit: 10_000,
      }))
        known.set(keyOf(a), [...(known.get(keyOf(a)) ?? []), a]);
      const historyStart = ms(history);
      for (const [k, { key, times }] of series) {
        keys++;
        const openAlert = openByKey.get(k);
        const episodes = scanSurges(
          times,
          openAlert ? ms(openAlert.detectedAt) : from,
          to,
          o,
          openAlert ? toEpisode(openAlert) : null,
          historyStart,
        );
        for (const ep of episodes) {
          const same = (known.get(k) ?? []).find((a) => overlaps(a, ep, o.cooldownMs));
          const detectedAt = same ? new Date(same.detectedAt) : new Date(ep.detectedAt);
          const r = await deps.alerts.record(
            {
              ...key,
              windowStart: same ? new Date(same.windowStart) : new Date(ep.windowStart),
              detectedAt,
              endedAt: ep.endedAt === null ? null : new Date(ep.endedAt),
              peakCount: ep.peakCount,
              expected: ep.expected,
              pValue: ep.pValue,
            },
            deps.webhook,
          );
          if (r.created) {
            created++;
            await deps.onNew?.(r.id);
          } else updated++;
        }
      }
    }
    if (fresh.taggedUntil) await deps.alerts.setWatermark(fresh.taggedUntil);
    if (created > 0) deps.logger?.info({ keys, created, updated }, 'surge alerts raised');
    return { keys, created, updated };
  }

  return {
    run,
    /** The detector as a periodic task for the one scheduler. */
    task: { name: 'surge-detection', everyMs: deps.tickMs, run } satisfies PeriodicTask,
  };
}

function toEpisode(a: Alert): SurgeEpisode {
  return {
    detectedAt: ms(a.detectedAt),
    windowStart: ms(a.windowStart),
    endedAt: null,
    peakCount: a.peakCount,
    expected: a.expected,
    pValue: a.pValue,
  };
}

/** Whether a stored alert is the same episode as one just scanned (they touch within the cool-down). */
function overlaps(a: Alert, ep: SurgeEpisode, cooldownMs: number): boolean {
  const aStart = ms(a.detectedAt);
  const aEnd = a.endedAt ? ms(a.endedAt) : Number.POSITIVE_INFINITY;
  const epEnd = ep.endedAt ?? Number.POSITIVE_INFINITY;
  return aStart <= epEnd + cooldownMs && ep.detectedAt <= aEnd + cooldownMs;
}
