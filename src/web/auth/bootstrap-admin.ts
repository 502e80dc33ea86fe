import type { Logger } from '../../obs/logger.js';
import type { createAuditLog, createUserStore } from '../../store/index.js';
import { generatePassword, hashPassword } from './passwords.js';

/**
 * First start: when there are no users, creates an admin from ADMIN_EMAIL /
 * ADMIN_PASSWORD, or with a one-time password printed once to the console.
 */
export async function bootstrapAdmin(deps: {
  users: Pick<ReturnType<typeof createUserStore>, 'count' | 'create'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
  email: string;
  password?: string;
  logger: Pick<Logger, 'info'>;
  print?: (line: string) => void;
}): Promise<{ created: boolean; generatedPassword?: string }> {
  if ((await deps.users.count()) > 0) return { created: false };
  const password = deps.password ?? generatePassword();
  const { id } = await deps.users.create({
    email: deps.email,
    name: 'Yönetici',
    role: 'admin',
    passwordHash: await hashPassword(password),
    // A printed one-time password is changed at the first login.
    mustChangePassword: !deps.password,
  });
  await deps.audit.append({
    actor: 'system',
    action: 'user.bootstrap_admin',
    targetType: 'user',
    targetId: id,
  });
  deps.logger.info({ email: deps.email }, 'created the first admin user');
  if (!deps.password) {
    (deps.print ?? console.log)(
      `\n  İlk yönetici / first admin: ${deps.email}\n  Tek seferlik parola / one-time password: ${password}\n  (set ADMIN_PASSWORD to choose it yourself)\n`,
    );
    return { created: true, generatedPassword: password };
  }
  return { created: true };
}
