import { effectiveShortcuts, type ShortcutAction, type ShortcutPrefs } from '../../domain/shortcuts.js';
import type { ViewCtx } from './layout.js';

/** The user's shortcuts for the page script: `off`, or key=action pairs (JSON). */
export function shortcutsAttr(prefs: ShortcutPrefs | null | undefined): string {
  const map = effectiveShortcuts(prefs);
  return map ? JSON.stringify(map) : 'off';
}

/** What each action does, in the page language (help dialog and settings page). */
export function shortcutLabel(v: ViewCtx, a: ShortcutAction): string {
  const keys = {
    next: 'keys.next',
    prev: 'keys.prev',
    open: 'keys.open',
    search: 'keys.search',
    assign: 'keys.assign',
    verdict: 'keys.verdict',
    confirmClaim: 'keys.confirmClaim',
    rejectClaim: 'keys.rejectClaim',
    select: 'keys.select',
    help: 'keys.help',
  } as const;
  return v.t(keys[a]);
}

/** The keyboard shortcut help dialog (opened with its key or its button). */
export function KeyHelp({ v }: { v: ViewCtx }) {
  const map = effectiveShortcuts(v.user?.shortcuts);
  return (
    <dialog id="help" aria-labelledby="help-h">
      <h2 id="help-h">{v.t('keys.title')}</h2>
      {map ? (
        <dl class="keys">
          {(Object.keys(map) as ShortcutAction[]).map((a) => (
            <>
              <dt>
                <kbd>{a === 'open' ? `${map[a]} / Enter` : map[a]}</kbd>
              </dt>
              <dd>{shortcutLabel(v, a)}</dd>
            </>
          ))}
        </dl>
      ) : (
        <p>{v.t('keys.off')}</p>
      )}
      <p>
        {v.t('keys.howToChange')} <a href="/account/shortcuts">{v.t('keys.settings')}</a>
      </p>
      <form method="dialog">
        <button type="submit">{v.t('common.close')}</button>
      </form>
    </dialog>
  );
}
