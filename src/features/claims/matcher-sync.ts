import type { Logger } from '../../obs/logger.js';
import type { ClaimStore } from '../../store/claim-store.js';

/** The part of the tagger this module reloads. */
export interface ClaimsTarget {
  setClaims(
    claims: { id: string; text: string; verdict?: string | null; aliases?: string[]; examples?: string[] }[],
  ): void;
}

/**
 * Keeps a process's matcher in step with the claims library: loads claims with
 * their aliases and confirmed example posts when attached, reloads soon after a
 * change made in this process, and polls a cheap fingerprint for changes made in
 * other processes.
 */
export function createMatcherSync(deps: {
  claims: Pick<ClaimStore, 'forMatcher' | 'version'>;
  logger: Pick<Logger, 'warn'>;
  pollMs?: number;
}) {
  let target: ClaimsTarget | null = null;
  let version = '';
  let timer: NodeJS.Timeout | null = null;
  let pending: NodeJS.Timeout | null = null;

  const reload = async () => {
    if (!target) return;
    const v = await deps.claims.version();
    if (v === version) return;
    target.setClaims(await deps.claims.forMatcher());
    version = v;
  };
  const safeReload = () => reload().catch((err) => deps.logger.warn({ err }, 'claims reload failed'));

  return {
    /** Loads the library into `t` now and keeps it current. */
    async attach(t: ClaimsTarget) {
      target = t;
      version = '';
      await reload();
      timer ??= setInterval(safeReload, deps.pollMs ?? 60_000);
      timer.unref();
    },
    /** Something changed here: reload within a second (several changes, one reload). */
    changed() {
      if (!target || pending) return;
      pending = setTimeout(() => {
        pending = null;
        void safeReload();
      }, 1000);
      pending.unref();
    },
    /** Reloads now (tests, CLI). */
    reload: safeReload,
    stop() {
      if (timer) clearInterval(timer);
      if (pending) clearTimeout(pending);
      timer = pending = null;
    },
  };
}

/** Keeps a matcher in step with the claims library. */
export type MatcherSync = ReturnType<typeof createMatcherSync>;
