import { serve } from '@hono/node-server';
import { type App, createApp, type Role } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { AppError } from '../src/domain/errors.js';
import { onShutdown } from '../src/queue/signals.js';

/** Shared process entry: parse config once, build the app, run the parts the role needs, stop on SIGTERM. */
export async function runProcess(role: Exclude<Role, 'cli'>) {
  let app: App | undefined;
  try {
    const config = loadConfig();
    app = await createApp(config, { role });
    const { logger } = app;
    const started = app;
    if (role === 'all' || role === 'web') {
      const { bootstrapAdmin } = await import('../src/web/auth/bootstrap-admin.js');
      await bootstrapAdmin({
        users: app.stores.users,
        audit: app.stores.audit,
        email: config.ADMIN_EMAIL,
        password: config.ADMIN_PASSWORD,
        // Outside production a first start also creates one demo account per role.
        demo: config.NODE_ENV !== 'production',
        logger,
      });
    }
    if (role === 'all' && config.SEED_DEMO) {
      const { seedDemo } = await import('../src/pipeline/seed-demo.js');
      await seedDemo({ items: app.stores.items, claims: app.stores.claims, ingest: app.ingest, logger });
    }
    if (role === 'all' || role === 'worker') await app.startWorkers();
    let server: ReturnType<typeof serve> | undefined;
    if (role === 'all' || role === 'web') {
      server = serve({ fetch: app.web.fetch, port: config.PORT, hostname: config.HOST }, (info) =>
        logger.info({ url: `http://${config.HOST}:${info.port}`, mode: started.mode }, 'Köprü is listening'),
      );
    }
    logger.info({ role, mode: app.mode, version: app.version }, 'started');
    onShutdown(async () => {
      logger.info('shutting down');
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
      await started.close();
      logger.info('stopped');
    });
  } catch (err) {
    await app?.close().catch(() => undefined);
    const msg = err instanceof AppError ? err.message : ((err as Error).stack ?? String(err));
    console.error(`\nKöprü could not start:\n${msg}\n`);
    process.exit(1);
  }
}
