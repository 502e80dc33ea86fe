import { can, type Permission, rolePermissions, type UserRole } from './review/permissions.js';

/**
 * What a notification is about: an item assigned to the recipient, a draft waiting
 * for their approval, their draft approved or sent back, an application escalated
 * because its legal deadline is near, a surge alert.
 */
export const notificationKinds = [
  'item_assigned',
  'response_submitted',
  'response_approved',
  'response_returned',
  'application_escalated',
  'surge_alert',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** The permission a recipient needs to open what a notification of this kind links to. */
export const notificationPermission: Record<NotificationKind, Permission> = {
  item_assigned: 'queue.read',
  response_submitted: 'response.approve',
  response_approved: 'response.draft',
  response_returned: 'response.draft',
  application_escalated: 'applications.read',
  surge_alert: 'queue.read',
};

/** The roles that may receive a notification of `kind` (and read the notifications page). */
export const recipientRoles = (kind: NotificationKind): UserRole[] =>
  (rolePermissions[notificationPermission[kind]] as readonly UserRole[]).filter((r) =>
    can(r, 'notifications.read'),
  );

/** The kinds a role may see now (a role changed since a notification was made hides it). */
export const visibleKinds = (role: UserRole): NotificationKind[] =>
  can(role, 'notifications.read')
    ? notificationKinds.filter((k) => can(role, notificationPermission[k]))
    : [];
