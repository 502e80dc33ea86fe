import type { NotificationKind } from '../../domain/notifications.js';

/**
 * The page a notification leads to. A grouped assignment leads to the queue filtered to
 * the recipient's items; a grouped escalation to the applications at risk.
 */
export function notificationHref(
  n: { kind: NotificationKind; targetId: string | null },
  recipient: { email: string },
): string {
  const id = n.targetId;
  switch (n.kind) {
    case 'item_assigned':
      return id ? `/items/${id}` : `/queue?assignee=${encodeURIComponent(recipient.email)}`;
    case 'response_submitted':
    case 'response_approved':
    case 'response_returned':
      return id ? `/drafts/${id}` : '/drafts';
    case 'application_escalated':
      return id ? `/applications/${id}` : '/applications?risk=1';
    case 'surge_alert':
      return id ? `/alerts#alert-${id}` : '/alerts';
  }
}
