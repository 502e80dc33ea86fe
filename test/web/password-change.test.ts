import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, createUserStore, migrate } from '../../src/store/index.js';
import { bootstrapAdmin } from '../../src/web/auth/bootstrap-admin.js';
import { verifyPassword } from '../../src/web/auth/passwords.js';
import { client, createUiFixture, type UiFixture } from './fixture.js';

let f: UiFixture;
beforeAll(async () => {
  f = await createUiFixture();
});
afterAll(() => f?.dispose());

describe('passwords someone else chose are changed at the first login', () => {
  it('an admin-created user must change the password before any other page, then works normally', async () => {
    const admin = client(f);
    await admin.login('admin');
    const first = 'yonetici-belirledi-1';
    expect(
      (
        await admin.post('/admin/users', {
          email: 'yeni@test.local',
          name: 'Yeni Uzman',
          role: 'staff',
          password: first,
        })
      ).status,
    ).toBe(303);
    const u = client(f);
    const login = await u.request('/login', {
      method: 'POST',
      body: new URLSearchParams({ email: 'yeni@test.local', password: first }),
    });
    expect(login.headers.get('location')).toBe('/account/password');
    const queue = await u.request('/queue');
    expect([queue.status, queue.headers.get('location')]).toEqual([303, '/account/password']);
    const page = await (await u.request('/account/password?lang=en')).text();
    expect(page).toContain('choose your own before you go on');

    // The form's own CSRF token (every other page leads here).
    const change = async (current: string, password: string, repeat = password) => {
      const form = await (await u.request('/account/password')).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
      return u.request('/account/password', {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf, current, password, repeat }),
      });
    };
    expect((await change('yanlış-parola-123', 'kendi-parolam-2026')).status).toBe(422);
    expect((await change(first, 'kendi-parolam-2026', 'baska-parola-2026')).status).toBe(422);
    expect((await change(first, 'kisa')).status).toBe(422);
    expect((await change(first, first)).status).toBe(422);
    const ok = await change(first, 'kendi-parolam-2026');
    expect([ok.status, ok.headers.get('location')]).toEqual([303, '/queue']);
    expect((await u.request('/queue')).status).toBe(200);
    const me = await f.app.stores.users.findByEmail('yeni@test.local');
    expect(me?.mustChangePassword).toBe(false);
    const audit = await f.app.stores.audit.list({ targetType: 'user', targetId: me!.id });
    expect(audit.map((e) => e.action)).toContain('user.password_change');
  });

  it('the first admin with a printed one-time password must change it; one chosen in ADMIN_PASSWORD need not', async () => {
    const users = {
      count: async () => 0,
      create: async (u: { mustChangePassword?: boolean }) => {
        created.push(u.mustChangePassword);
        return { id: '00000000-0000-4000-8000-000000000001' };
      },
    };
    const created: (boolean | undefined)[] = [];
    const deps = { users, audit: { append: async () => {} }, logger: { info: () => {} }, print: () => {} };
    await bootstrapAdmin({ ...deps, email: 'a@x' } as never);
    await bootstrapAdmin({ ...deps, email: 'a@x', password: 'secilmis-parola-123' } as never);
    expect(created).toEqual([true, false]);
    // Outside production: a demo account per other role, each with a printed one-time password.
    created.length = 0;
    const printed: string[] = [];
    const r = await bootstrapAdmin({
      ...deps,
      email: 'admin@ofis.local',
      password: 'secilmis-parola-123',
      demo: true,
      print: (l: string) => printed.push(l),
    } as never);
    expect(created).toEqual([false, true, true, true]);
    expect(r.demo?.map((a) => a.email)).toEqual([
      'supervisor@ofis.local',
      'staff@ofis.local',
      'journalist@ofis.local',
    ]);
    for (const a of r.demo!) expect(printed.join('\n')).toContain(`${a.email}  ${a.password}`);
  });
});

describe('npm run user -- reset-password EMAIL', () => {
  const exec = promisify(execFile);
  const root = join(import.meta.dirname, '..', '..');
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kopru-user-cli-'));
    // An embedded data directory with one admin, as a first start leaves it.
    await mkdir(join(dir, 'data'), { recursive: true });
    const db = await createDatabase({ dataDir: join(dir, 'data') });
    await migrate(db);
    await createUserStore(db).create({
      email: 'admin@kopru.local',
      name: 'Yönetici',
      role: 'admin',
      passwordHash: 'x',
    });
    await db.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const npm = (args: string[]) =>
    exec('npm', ['run', '--silent', 'user', '--', ...args], {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: join(dir, 'data'),
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        ADMIN_EMAIL: 'admin@kopru.local',
      },
    });

  it('prints a one-time password for a locked-out admin; an unknown address or command gets the usage', async () => {
    const r = await npm(['reset-password', 'ADMIN@kopru.local']);
    expect(r.stderr).toContain('One-time password for admin@kopru.local');
    const password = r.stdout.trim().split('\n').at(-1)!;
    expect(password.length).toBeGreaterThanOrEqual(12);
    const db = await createDatabase({ dataDir: join(dir, 'data') });
    try {
      const admin = await createUserStore(db).findByEmail('admin@kopru.local');
      expect(admin).toMatchObject({
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
        disabled: false,
      });
      expect(await verifyPassword(admin!.passwordHash, password)).toBe(true);
    } finally {
      await db.close();
    }
    const unknown = (await npm(['reset-password', 'yok@kopru.local']).catch((e) => e)) as {
      code: number;
      stderr: string;
    };
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no user with the e-mail yok@kopru.local');
    const bad = (await npm(['delete', 'x']).catch((e) => e)) as { code: number; stderr: string };
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('npm run user -- reset-password EMAIL');
  }, 180_000);
});
