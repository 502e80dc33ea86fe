import type { Logger } from '../../obs/logger.js';
import type { createAuditLog, createUserStore } from '../../store/index.js';
import { generatePassword, hashPassword } from './passwords.js';

/** The demo accounts of a first start outside production: one per role besides the admin. */
const DEMO_ROLES = [
  ['supervisor', 'Demo Amir'],
  ['staff', 'Demo Uzman'],
  ['journalist', 'Demo Gazeteci'],
] as const;

/**
 * First start: when there are no users, creates an admin from ADMIN_EMAIL /
 * ADMIN_PASSWORD, or with a one-time password printed once to the console.
 * With `demo` (outside production) it also creates one account per other role
 * (`supervisor@…`, `staff@…`, `journalist@…` on the admin's domain) and prints
 * them; every printed password is one-time (changed at the first login).
 */
export async function bootstrapAdmin(deps: {
  users: Pick<ReturnType<typeof createUserStore>, 'count' | 'create'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
  email: string;
  password?: string;
  demo?: boolean;
  logger: Pick<Logger, 'info'>;
  print?: (line: string) => void;
}): Promise<{ created: boolean; generatedPassword?: string; demo?: { email: string; password: string }[] }> {
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
  const demo: { email: string; password: string }[] = [];
  if (deps.demo) {
    const domain = deps.email.includes('@') ? deps.email.split('@').pop() : 'kopru.local';
    for (const [role, name] of DEMO_ROLES) {
      const account = { email: `${role}@${domain}`, password: generatePassword() };
      const made = await deps.users.create({
        email: account.email,
        name,
        role,
        passwordHash: await hashPassword(account.password),
        mustChangePassword: true,
      });
      await deps.audit.append({
        actor: 'system',
        action: 'user.create',
        targetType: 'user',
        targetId: made.id,
        details: { role, demo: true },
      });
      demo.push(account);
    }
  }
  const lines: string[] = [];
  if (!deps.password)
    lines.push(
      `  İlk yönetici / first admin: ${deps.email}`,
      `  Tek seferlik parola / one-time password: ${password}`,
      '  (set ADMIN_PASSWORD to choose it yourself)',
    );
  if (demo.length) {
    lines.push('  Deneme hesapları / demo accounts (one-time passwords, not in production):');
    for (const a of demo) lines.push(`    ${a.email}  ${a.password}`);
  }
  if (lines.length) (deps.print ?? console.log)(`\n${lines.join('\n')}\n`);
  return {
    created: true,
    ...(deps.password ? {} : { generatedPassword: password }),
    ...(demo.length ? { demo } : {}),
  };
}
