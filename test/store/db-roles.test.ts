/**
 * Service mode with two database roles (issue 14, item 6): migrations run as an owner role
 * (DATABASE_OWNER_URL), the app connects as a role that owns nothing and may only read and
 * append to the audit log, so it can neither rewrite the audit trail nor switch its
 * append-only trigger off. The test makes its own roles and database and drops them.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateOnly } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/domain/errors.js';
import { createDatabase, loadMigrations, migrate } from '../../src/store/index.js';
import { clearRedisPrefix, eventually, servicesAvailable } from '../helpers/app.js';
import { PG_URL, REDIS_URL, randomId, serviceAvailable } from '../helpers/env.js';
import { startTestMeili, type TestMeili } from '../helpers/meili.js';
import { freePort } from '../helpers/process.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const available = await servicesAvailable();

const id = randomId('kt').toLowerCase();
const dbName = `${id}_db`;
const ownerRole = `${id}_owner`;
const appRole = `${id}_app`;
/** The same server as PG_URL, another database and user (the test server trusts local logins). */
/** An installation from before the split: the app connected as the superuser, which owns every table. */
const legacyDb = `${id}_legacy`;
const urlAs = (user: string, database = dbName) => {
  const u = new URL(PG_URL);
  u.username = user;
  u.password = '';
  u.pathname = `/${database}`;
  return u.toString();
};
const superuser = new URL(PG_URL).username || 'postgres';
const superuserUrl = urlAs(superuser);

async function asRole<T>(user: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: urlAs(user) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The SQLSTATE a statement fails with as `user` (undefined if it succeeds, then rolled back). */
async function failureOf(user: string, sql: string): Promise<string | undefined> {
  return asRole(user, async (c) => {
    await c.query('BEGIN');
    try {
      await c.query(sql);
      return undefined;
    } catch (err) {
      return (err as { code?: string }).code ?? String(err);
    } finally {
      await c.query('ROLLBACK');
    }
  });
}

/** Runs config/postgres/init-roles.sh as the image's entrypoint would, with this test's role names. */
const initRoles = (database = dbName) => {
  const u = new URL(PG_URL);
  return run('sh', [join(root, 'config/postgres/init-roles.sh')], {
    env: {
      ...process.env,
      PGHOST: u.hostname,
      PGPORT: u.port || '5432',
      POSTGRES_USER: superuser,
      POSTGRES_DB: database,
      KOPRU_OWNER_ROLE: ownerRole,
      KOPRU_APP_ROLE: appRole,
      KOPRU_OWNER_PASSWORD: 'owner-secret',
      KOPRU_APP_PASSWORD: 'app-secret',
    },
  });
};
const psqlAvailable = await serviceAvailable('psql (runs config/postgres/init-roles.sh)', () =>
  run('psql', ['--version']),
);

describe.skipIf(!available || !psqlAvailable)(
  'database roles: owner migrates, the app role only uses',
  () => {
    const prefix = randomId('kt');
    let meili: TestMeili | undefined;
    let dataDir = '';
    const admin = new pg.Client({ connectionString: PG_URL });

    beforeAll(async () => {
      await admin.connect();
      // As the postgres image does: the database exists, owned by the superuser; then the init script.
      await admin.query(`CREATE DATABASE ${dbName}`);
      await initRoles();
      // It is idempotent (an existing installation runs it by hand).
      await initRoles();
      meili = await startTestMeili();
      dataDir = await mkdtemp(join(tmpdir(), 'kopru-roles-'));
    }, 120_000);

    afterAll(async () => {
      await meili?.stop();
      await clearRedisPrefix(prefix).catch(() => undefined);
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${legacyDb} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${appRole}`);
      await admin.query(`DROP ROLE IF EXISTS ${ownerRole}`);
      await admin.end();
    });

    it('npm run migrate applies the migrations as the owner and grants the app role', async () => {
      const all = await loadMigrations();
      const { stdout } = await run('npx', ['tsx', 'workers/cli/migrate.ts'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: urlAs(appRole), DATABASE_OWNER_URL: urlAs(ownerRole) },
      });
      expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({
        applied: all.map((m) => `${m.version}_${m.name}`),
        owner: true,
      });
      const owners = await asRole(superuser, (c) =>
        c.query<{ owner: string; n: number }>(
          `SELECT pg_get_userbyid(relowner) AS owner, count(*)::int AS n FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v', 'm', 'i')
       GROUP BY 1`,
        ),
      );
      // The owner role owns every table, index and sequence; the app role none.
      expect(owners.rows.map((r) => r.owner)).toEqual([ownerRole]);
      // Run again (as every start with DATABASE_OWNER_URL does): nothing to apply, grants unchanged.
      const again = await run('npx', ['tsx', 'workers/cli/migrate.ts'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: urlAs(appRole), DATABASE_OWNER_URL: urlAs(ownerRole) },
      });
      expect(JSON.parse(again.stdout.trim().split('\n').pop()!)).toEqual({ applied: [], owner: true });
    }, 120_000);

    it('the app role appends to and reads the audit log, and cannot change, empty, unguard or drop it', async () => {
      await asRole(appRole, async (c) => {
        await c.query(`INSERT INTO audit_log (actor, action) VALUES ('roles-test', 'probe')`);
        const { rows } = await c.query(`SELECT id FROM audit_log WHERE actor = 'roles-test'`);
        expect(rows).toHaveLength(1);
      });
      const denied = '42501'; // insufficient_privilege: refused by the grants, before any trigger runs
      const attempts = {
        update: `UPDATE audit_log SET action = 'rewritten'`,
        delete: 'DELETE FROM audit_log',
        truncate: 'TRUNCATE audit_log',
        disableTrigger: 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete',
        disableAllTriggers: 'ALTER TABLE audit_log DISABLE TRIGGER ALL',
        dropTrigger: 'DROP TRIGGER audit_log_no_update_delete ON audit_log',
        replaceTriggerFunction: `CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$`,
        dropAudit: 'DROP TABLE audit_log',
        dropOther: 'DROP TABLE items CASCADE',
        renameAudit: 'ALTER TABLE audit_log RENAME TO audit_old',
        createTable: 'CREATE TABLE audit_log_copy (id int)',
        dropSchema: 'DROP SCHEMA public CASCADE',
        replicaRole: `SET session_replication_role = replica`,
        rewriteMigrations: 'DELETE FROM schema_migrations',
        takeOwnership: `ALTER TABLE audit_log OWNER TO ${appRole}`,
      };
      const results: Record<string, string | undefined> = {};
      for (const [name, sql] of Object.entries(attempts)) results[name] = await failureOf(appRole, sql);
      expect(results).toEqual(Object.fromEntries(Object.keys(attempts).map((k) => [k, denied])));
      await asRole(appRole, async (c) => {
        const { rows } = await c.query(`SELECT action FROM audit_log WHERE actor = 'roles-test'`);
        expect(rows).toEqual([{ action: 'probe' }]);
      });
    });

    it('the owner role is what could switch the trigger off: it is never the role the app connects as', async () => {
      // What was wrong before: the role the app connected as owned audit_log, and this worked.
      const rewritten = await asRole(ownerRole, async (c) => {
        await c.query('BEGIN');
        await c.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
        const r = await c.query(`DELETE FROM audit_log WHERE actor = 'roles-test'`);
        await c.query('ROLLBACK');
        return r.rowCount;
      });
      expect(rewritten).toBe(1);
      // So a configuration that would hand the app those rights is refused, naming the cause.
      const refuse = (env: Record<string, string>) =>
        migrateOnly(loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', DATA_DIR: dataDir, ...env }));
      await expect(
        refuse({ DATABASE_URL: urlAs(ownerRole), DATABASE_OWNER_URL: urlAs(ownerRole) }),
      ).rejects.toThrow(/two separate roles/);
      await expect(
        refuse({ DATABASE_URL: superuserUrl, DATABASE_OWNER_URL: urlAs(ownerRole) }),
      ).rejects.toThrow(/is a superuser/);
      const split = { DATABASE_URL: urlAs(appRole), DATABASE_OWNER_URL: urlAs(ownerRole) };
      // The app role owning the schema, or any one table, could drop or unguard it: refused.
      await asRole(superuser, (c) => c.query(`ALTER SCHEMA public OWNER TO ${appRole}`));
      try {
        await expect(refuse(split)).rejects.toThrow(/owns the schema/);
      } finally {
        await asRole(superuser, (c) => c.query(`ALTER SCHEMA public OWNER TO ${ownerRole}`));
      }
      await asRole(superuser, (c) => c.query(`ALTER TABLE follow_settings OWNER TO ${appRole}`));
      try {
        await expect(refuse(split)).rejects.toThrow(/owns follow_settings\b.*hand them to the owner role/);
      } finally {
        await asRole(superuser, (c) => c.query(`ALTER TABLE follow_settings OWNER TO ${ownerRole}`));
      }
      await expect(refuse(split)).resolves.toEqual({ applied: [] });
    });

    it('the app role starts on an up-to-date schema, and a pending migration tells it what to run', async () => {
      const db = await createDatabase({ url: urlAs(appRole), max: 1 });
      try {
        expect(await migrate(db)).toEqual({ applied: [] });
        const extra = { version: '999999', name: 'not_yet', sql: 'CREATE TABLE not_yet (id int)' };
        const err = await migrate(db, [...(await loadMigrations()), extra]).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ConfigError);
        expect((err as Error).message).toMatch(/npm run migrate.*DATABASE_OWNER_URL/);
      } finally {
        await db.close();
      }
    });

    it('the web process, connected as the app role only, signs a user in and records audited actions', async () => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const email = 'yonetici@roles.test';
      const password = 'ilk-parola-uzun-12';
      let output = '';
      const child: ChildProcess = spawn('npx', ['tsx', 'workers/web.ts'], {
        cwd: root,
        detached: true,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'info',
          PORT: String(port),
          DATA_DIR: dataDir,
          // Only the app role: the owner's URL is not given to the web process.
          DATABASE_URL: urlAs(appRole),
          DATABASE_OWNER_URL: '',
          REDIS_URL,
          QUEUE_PREFIX: prefix,
          MEILI_URL: meili!.url,
          MEILI_MASTER_KEY: meili!.masterKey,
          MEILI_INDEX_PREFIX: `${prefix}_`,
          ADMIN_EMAIL: email,
          ADMIN_PASSWORD: password,
          SEED_DEMO: 'false',
        },
      });
      child.stdout?.on('data', (d) => (output += d));
      child.stderr?.on('data', (d) => (output += d));
      const exited = new Promise((r) => child.once('exit', r));
      try {
        await eventually(
          `web process ready (output:\n${output.slice(-3000)})`,
          async () => (await fetch(`${base}/readyz`).catch(() => null))?.status === 200,
          120_000,
        );
        const login = await fetch(`${base}/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email, password }),
        });
        expect(login.status).toBe(303);
        const cookie = /kopru_sid=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
        expect(cookie).not.toBe('');
        const page = await (await fetch(`${base}/account/password`, { headers: { cookie } })).text();
        const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
        const next = 'yeni-parola-daha-uzun-34';
        const change = await fetch(`${base}/account/password`, {
          method: 'POST',
          redirect: 'manual',
          headers: { origin: base, cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: csrf, current: password, password: next, repeat: next }),
        });
        expect(change.status).toBe(303);
        const actions = await asRole(appRole, async (c) => {
          const { rows } = await c.query<{ action: string }>(
            'SELECT action FROM audit_log WHERE actor = $1 ORDER BY id',
            [email],
          );
          return rows.map((r) => r.action);
        });
        expect(actions).toEqual(expect.arrayContaining(['login.success', 'user.password_change']));
      } finally {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      }
    }, 180_000);

    it('an existing installation: the init script hands the tables to the owner, then the app role is locked down', async () => {
      await admin.query(`CREATE DATABASE ${legacyDb}`);
      const legacy = await createDatabase({ url: urlAs(superuser, legacyDb), max: 1 });
      try {
        await migrate(legacy);
        await legacy.query(`INSERT INTO audit_log (actor, action) VALUES ('before-split', 'kept')`);
      } finally {
        await legacy.close();
      }
      const config = {
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        DATABASE_URL: urlAs(appRole, legacyDb),
        DATABASE_OWNER_URL: urlAs(ownerRole, legacyDb),
      };
      // Before the script the owner role owns nothing there and may not take over: refused, nothing granted.
      await expect(migrateOnly(loadConfig(config))).rejects.toThrow(
        new RegExp(`"${ownerRole}"\\) does not own .*init-roles\\.sh`),
      );
      await initRoles(legacyDb);
      expect(await migrateOnly(loadConfig(config))).toEqual({ applied: [] });
      const c = new pg.Client({ connectionString: urlAs(appRole, legacyDb) });
      await c.connect();
      try {
        await c.query(`INSERT INTO audit_log (actor, action) VALUES ('after-split', 'appended')`);
        const { rows } = await c.query('SELECT actor FROM audit_log ORDER BY id');
        expect(rows.map((r) => r.actor)).toEqual(['before-split', 'after-split']);
        for (const sql of [
          'DELETE FROM audit_log',
          'ALTER TABLE audit_log DISABLE TRIGGER ALL',
          'TRUNCATE audit_log',
          'DROP TABLE audit_log',
        ])
          await expect(c.query(sql), sql).rejects.toMatchObject({ code: '42501' });
      } finally {
        await c.end();
      }
    }, 60_000);
  },
);
