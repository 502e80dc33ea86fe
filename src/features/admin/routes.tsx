import { Hono } from 'hono';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import { can } from '../../domain/review/permissions.js';
import type { createAuditLog, createUserStore } from '../../store/index.js';
import type { SessionStore } from '../../store/session-store.js';
import { roles } from '../../store/user-store.js';
import { hashPassword } from '../../web/auth/passwords.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import type { MsgKey } from '../../web/ui/i18n.js';
import { Csrf, Layout, Notice, viewCtx } from '../../web/ui/layout.js';
import { TableRegion } from '../../web/ui/table-region.js';

const createSchema = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: z.enum(roles),
  password: z.string().min(12).max(200),
});
const updateSchema = z.object({
  role: z.enum(roles),
  disabled: z.enum(['on']).optional(),
  password: z.string().max(200).optional(),
});

/** Admin user management: list, create, change role, disable, reset password. */
export function createAdminRoutes(deps: {
  users: ReturnType<typeof createUserStore>;
  sessions: Pick<SessionStore, 'destroyForUser'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
}) {
  const app = new Hono();
  app.use('/admin/*', requirePermission('users.manage'));

  app.get('/admin/users', async (c) => {
    const v = viewCtx(c);
    const list = await deps.users.list();
    const done = c.req.query('done');
    return c.html(
      <Layout v={v} title={v.t('users.title')}>
        {done ? <Notice kind="ok">{v.t('common.saved')}</Notice> : null}
        {/* The admin's landing page says what the role is for and where to go. */}
        <p>{v.t('users.intro')}</p>
        <ul>
          {v.nav
            .filter((e) => can(v.user!.role, e.permission) && e.href !== '/admin/users')
            .map((e) => (
              <li>
                <a href={e.href}>{e.label}</a>
              </li>
            ))}
        </ul>
        <TableRegion label={v.t('users.list')}>
          <table class="restack">
            <caption>{v.t('users.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{v.t('users.email')}</th>
                <th scope="col">{v.t('users.name')}</th>
                <th scope="col">{v.t('users.roleAndState')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((u) => (
                <tr>
                  <td data-label={v.t('users.email')}>{u.email}</td>
                  <td data-label={v.t('users.name')}>{u.name}</td>
                  <td data-label={v.t('users.roleAndState')}>
                    <form method="post" action={`/admin/users/${u.id}`} class="row">
                      <Csrf v={v} />
                      <label for={`role-${u.id}`} class="sr-only">{`${v.t('users.role')}: ${u.email}`}</label>
                      <select id={`role-${u.id}`} name="role">
                        {roles.map((r) => (
                          <option value={r} selected={u.role === r}>
                            {v.t(`role.${r}` as MsgKey)}
                          </option>
                        ))}
                      </select>
                      <label>
                        <input type="checkbox" name="disabled" checked={u.disabled} /> {v.t('users.disabled')}
                      </label>
                      <label
                        for={`pw-${u.id}`}
                        class="sr-only"
                      >{`${v.t('users.newPassword')}: ${u.email}`}</label>
                      <input
                        id={`pw-${u.id}`}
                        name="password"
                        type="password"
                        autocomplete="new-password"
                        placeholder={v.t('users.newPassword')}
                      />
                      <button type="submit">{v.t('common.save')}</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        <h2>{v.t('users.create')}</h2>
        <form method="post" action="/admin/users" class="stack narrow">
          <Csrf v={v} />
          <label for="nu-email">{v.t('users.email')}</label>
          <input id="nu-email" name="email" type="email" required autocomplete="off" />
          <label for="nu-name">{v.t('users.name')}</label>
          <input id="nu-name" name="name" required />
          <label for="nu-role">{v.t('users.role')}</label>
          <select id="nu-role" name="role">
            {roles.map((r) => (
              <option value={r} selected={r === 'staff'}>
                {v.t(`role.${r}` as MsgKey)}
              </option>
            ))}
          </select>
          <label for="nu-pw">{v.t('users.password')}</label>
          <input
            id="nu-pw"
            name="password"
            type="password"
            minlength={12}
            required
            autocomplete="new-password"
          />
          <button type="submit">{v.t('users.create')}</button>
        </form>
      </Layout>,
    );
  });

  app.post('/admin/users', async (c) => {
    const actor = c.get('user')!;
    const p = createSchema.safeParse(await c.req.parseBody());
    if (!p.success) throw new ValidationError('invalid user', p.error.issues);
    // The admin knows this password: the new user replaces it at the first login.
    const { id } = await deps.users.create({
      ...p.data,
      passwordHash: await hashPassword(p.data.password),
      mustChangePassword: true,
    });
    await deps.audit.append({
      actor: actor.email,
      action: 'user.create',
      targetType: 'user',
      targetId: id,
      details: { role: p.data.role },
    });
    return c.redirect('/admin/users?done=1', 303);
  });

  app.post('/admin/users/:id', async (c) => {
    const actor = c.get('user')!;
    const id = c.req.param('id');
    const p = updateSchema.safeParse(await c.req.parseBody());
    if (!p.success) throw new ValidationError('invalid update', p.error.issues);
    const pw = p.data.password?.trim();
    if (pw && pw.length < 12) throw new ValidationError('password must be at least 12 characters');
    const disabled = p.data.disabled === 'on';
    if (id === actor.id && (disabled || p.data.role !== 'admin'))
      throw new ValidationError('you cannot demote or disable yourself');
    const ok = await deps.users.update(id, {
      role: p.data.role,
      disabled,
      ...(pw ? { passwordHash: await hashPassword(pw), mustChangePassword: true } : {}),
    });
    if (!ok) throw new ValidationError('no such user');
    // A changed role or password must not leave old sessions with old rights.
    await deps.sessions.destroyForUser(id);
    await deps.audit.append({
      actor: actor.email,
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      details: { role: p.data.role, disabled, passwordReset: !!pw },
    });
    return c.redirect('/admin/users?done=1', 303);
  });
  return app;
}
