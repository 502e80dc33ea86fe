/** User roles (same as the users table). */
export type UserRole = 'admin' | 'supervisor' | 'staff' | 'journalist';

/**
 * Permissions per role. Admins manage accounts and read the audit log but do not
 * read the internal queue or personal data (least privilege); journalists only
 * read published responses.
 */
export const rolePermissions = {
  'queue.read': ['supervisor', 'staff'],
  'item.write': ['supervisor', 'staff'],
  'item.unmask': ['supervisor'],
  'verdict.confirm': ['supervisor'],
  'response.draft': ['supervisor', 'staff'],
  'response.approve': ['supervisor'],
  'response.publish': ['supervisor'],
  'dashboard.read': ['supervisor', 'admin'],
  'audit.read': ['supervisor', 'admin'],
  'users.manage': ['admin'],
  'published.read': ['admin', 'supervisor', 'staff', 'journalist'],
  // Citizen applications: the case list and replies; the SLA view; personal data stays with item.unmask.
  'applications.read': ['supervisor', 'staff'],
  'applications.write': ['supervisor', 'staff'],
  'sla.read': ['supervisor'],
  // Feed sources and other connectors.
  'sources.manage': ['admin'],
  // A journalist's followed topics and provinces, webhook and personal feed.
  'follows.manage': ['journalist'],
  // The notifications page and header count (assignments, drafts, escalations, surge alerts).
  'notifications.read': ['supervisor', 'staff'],
} as const satisfies Record<string, readonly UserRole[]>;
export type Permission = keyof typeof rolePermissions;

/** True if `role` holds `permission`. */
export const can = (role: UserRole, permission: Permission): boolean =>
  (rolePermissions[permission] as readonly UserRole[]).includes(role);

/** Where a role lands after login. */
export const homeFor = (role: UserRole): string =>
  role === 'admin'
    ? '/admin/users'
    : role === 'journalist'
      ? '/published'
      : role === 'supervisor'
        ? '/dashboard'
        : '/queue';
