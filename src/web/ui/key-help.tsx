import type { ViewCtx } from './layout.js';

/** The keyboard shortcut help dialog (opened with "?" or its button). */
export function KeyHelp({ v }: { v: ViewCtx }) {
  const keys: [string, string][] = [
    ['j', v.t('keys.next')],
    ['k', v.t('keys.prev')],
    ['o / Enter', v.t('keys.open')],
    ['/', v.t('keys.search')],
    ['a', v.t('keys.assign')],
    ['v', v.t('keys.verdict')],
    ['c', v.t('keys.confirmClaim')],
    ['r', v.t('keys.rejectClaim')],
    ['x', v.t('keys.select')],
    ['?', v.t('keys.help')],
  ];
  return (
    <dialog id="help" aria-labelledby="help-h">
      <h2 id="help-h">{v.t('keys.title')}</h2>
      <dl class="keys">
        {keys.map(([k, d]) => (
          <>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{d}</dd>
          </>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit">{v.t('common.close')}</button>
      </form>
    </dialog>
  );
}
