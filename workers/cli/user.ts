import { parseArgs } from 'node:util';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { generatePassword, hashPassword } from '../../src/web/auth/passwords.js';
import { runCli } from './common.js';

const USAGE = `usage:
  npm run user -- reset-password EMAIL   prints a one-time password, to be changed at the next login`;

/**
 * Account rescue from the command line (for a locked-out admin): a new one-time
 * password, the lock and failure count cleared, the account enabled, audited.
 */
await runCli(async () => {
  const { positionals } = parseArgs({ allowPositionals: true });
  const [cmd, email] = positionals;
  if (cmd !== 'reset-password' || !email) throw new Error(USAGE);
  const app = await createApp(loadConfig(), { role: 'cli' });
  try {
    const { users, audit } = app.stores;
    const user = await users.findByEmail(email);
    if (!user) throw new Error(`usage: no user with the e-mail ${email}`);
    const password = generatePassword();
    await users.update(user.id, {
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
      disabled: false,
    });
    await users.recordLoginSuccess(user.id);
    await audit.append({
      actor: 'cli',
      action: 'user.password_reset',
      targetType: 'user',
      targetId: user.id,
    });
    console.error(`One-time password for ${user.email} (change it at the next login):`);
    console.log(password);
  } finally {
    await app.close();
  }
});
