import { parseArgs } from 'node:util';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { runCli } from './common.js';

const USAGE = `usage:
  npm run token -- create --name NAME --scopes ingest,read [--expires-days N]
  npm run token -- list
  npm run token -- revoke ID`;
const SCOPES = new Set(['ingest', 'read', 'admin']);

await runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, scopes: { type: 'string' }, 'expires-days': { type: 'string' } },
  });
  const [cmd, arg] = positionals;
  if (cmd !== 'create' && cmd !== 'list' && cmd !== 'revoke') throw new Error(USAGE);
  const scopes = (values.scopes ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (cmd === 'create') {
    if (!values.name?.trim() || scopes.length === 0) throw new Error(USAGE);
    const unknown = scopes.filter((s) => !SCOPES.has(s));
    if (unknown.length)
      throw new Error(`usage: unknown scope(s) ${unknown.join(', ')}; known: ${[...SCOPES].join(', ')}`);
  }
  const days = values['expires-days'];
  if (days !== undefined && !(/^\d+$/.test(days) && Number(days) >= 1 && Number(days) <= 3650))
    throw new Error(`usage: --expires-days takes a whole number of days from 1 to 3650\n${USAGE}`);
  const expiresAt = days ? new Date(Date.now() + Number(days) * 86_400_000) : null;
  if (cmd === 'revoke' && !arg) throw new Error(USAGE);
  const app = await createApp(loadConfig(), { role: 'cli' });
  try {
    const { tokens, audit } = app.stores;
    if (cmd === 'create') {
      const t = await tokens.create({ name: values.name!.trim(), scopes, expiresAt });
      await audit.append({
        actor: 'cli',
        action: 'token.create',
        targetType: 'token',
        targetId: t.id,
        details: { name: values.name, scopes, expiresAt: expiresAt?.toISOString() ?? null },
      });
      const until = expiresAt ? `, valid until ${expiresAt.toISOString()}` : '';
      console.error(
        `Token "${values.name}" (${scopes.join(',')}), id ${t.id}${until}. It is shown only once:`,
      );
      console.log(t.token);
    } else if (cmd === 'list') {
      for (const t of await tokens.list()) console.log(JSON.stringify(t));
    } else {
      await tokens.revoke(arg!);
      await audit.append({ actor: 'cli', action: 'token.revoke', targetType: 'token', targetId: arg! });
      console.log(`revoked ${arg}`);
    }
  } finally {
    await app.close();
  }
});
