import { type Context, Hono } from 'hono';
import { AuthError } from '../../domain/errors.js';
import {
  DEFAULT_SHORTCUTS,
  effectiveShortcuts,
  parseShortcutForm,
  SHORTCUT_ACTIONS,
  type ShortcutAction,
  type ShortcutProblem,
} from '../../domain/shortcuts.js';
import type { createAuditLog, createUserStore } from '../../store/index.js';
import { shortcutLabel } from '../ui/key-help.js';
import { Layout, Notice, viewCtx } from '../ui/layout.js';

/** `/account/shortcuts`: every signed-in user turns single-key shortcuts off or remaps them (WCAG 2.1.4). */
export function createShortcutRoutes(deps: {
  users: Pick<ReturnType<typeof createUserStore>, 'setShortcuts'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
}) {
  const app = new Hono();

  const page = (
    c: Context,
    status: 200 | 422,
    form: { enabled: boolean; keys: Partial<Record<ShortcutAction, string>> },
    problems: ShortcutProblem[] = [],
    saved = false,
  ) => {
    const v = viewCtx(c);
    const bad = new Set(problems.flatMap((p) => (p.kind === 'invalid' ? [p.action] : p.actions)));
    return c.html(
      <Layout v={v} title={v.t('keys.settings')}>
        {saved ? <Notice kind="info">{v.t('keys.saved')}</Notice> : null}
        {problems.length ? (
          <Notice kind="error">
            <ul>
              {problems.map((p) => (
                <li>
                  {p.kind === 'invalid'
                    ? v.t('keys.invalid', { action: shortcutLabel(v, p.action) })
                    : v.t('keys.duplicate', {
                        key: p.key,
                        actions: p.actions.map((a) => shortcutLabel(v, a)).join(', '),
                      })}
                </li>
              ))}
            </ul>
          </Notice>
        ) : null}
        <p>{v.t('keys.settingsIntro')}</p>
        <form method="post" action="/account/shortcuts" class="stack narrow">
          <input type="hidden" name="_csrf" value={v.csrf} />
          <label class="check">
            <input type="checkbox" name="enabled" value="1" checked={form.enabled} /> {v.t('keys.enabled')}
          </label>
          <table class="shortcuts">
            <thead>
              <tr>
                <th scope="col">{v.t('keys.action')}</th>
                <th scope="col">{v.t('keys.key')}</th>
              </tr>
            </thead>
            <tbody>
              {SHORTCUT_ACTIONS.map((a) => (
                <tr>
                  <th scope="row">
                    <label for={`key-${a}`}>{shortcutLabel(v, a)}</label>
                  </th>
                  <td>
                    <input
                      id={`key-${a}`}
                      name={`key.${a}`}
                      value={form.keys[a] ?? DEFAULT_SHORTCUTS[a]}
                      maxlength={2}
                      size={3}
                      autocomplete="off"
                      aria-invalid={bad.has(a) ? 'true' : undefined}
                      aria-describedby={`def-${a}`}
                    />{' '}
                    <span id={`def-${a}`} class="hint">
                      {v.t('keys.default', { key: DEFAULT_SHORTCUTS[a] })}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="row">
            <button type="submit">{v.t('keys.save')}</button>
            <button type="submit" name="reset" value="1" class="secondary">
              {v.t('keys.reset')}
            </button>
          </div>
        </form>
      </Layout>,
      status,
    );
  };

  app.get('/account/shortcuts', (c) => {
    const me = c.get('user');
    if (!me) return c.redirect('/login?next=/account/shortcuts', 302);
    const map = effectiveShortcuts(me.shortcuts);
    return page(
      c,
      200,
      { enabled: map !== null, keys: map ?? { ...DEFAULT_SHORTCUTS, ...(me.shortcuts?.keys ?? {}) } },
      [],
      c.req.query('saved') === '1',
    );
  });

  app.post('/account/shortcuts', async (c) => {
    const me = c.get('user');
    if (!me) throw new AuthError();
    const body = await c.req.parseBody();
    // Only the known field names are read (never keys the client chose).
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).slice(0, 10) : '');
    const enabled = str('enabled') === '1';
    if (str('reset') === '1') {
      await deps.users.setShortcuts(me.id, null);
    } else {
      const raw = Object.fromEntries(SHORTCUT_ACTIONS.map((a) => [a, str(`key.${a}`)])) as Record<
        ShortcutAction,
        string
      >;
      const parsed = parseShortcutForm(enabled, raw);
      if ('problems' in parsed) return page(c, 422, { enabled, keys: raw }, parsed.problems);
      await deps.users.setShortcuts(me.id, parsed.prefs);
    }
    await deps.audit.append({
      actor: me.email,
      action: 'user.shortcuts_change',
      targetType: 'user',
      targetId: me.id,
    });
    return c.redirect('/account/shortcuts?saved=1', 303);
  });
  return app;
}
