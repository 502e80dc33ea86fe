import type { PublicStatus } from '../../store/application-store.js';
import type { Database } from '../../store/types.js';
import { loadDeadlines } from './deadline-config.js';
import { createCaseStore } from './feature.js';

/**
 * For the citizen's tracking-code lookup: `status(itemId)` answers the case state,
 * due date and instant, the date the reply was sent and the institution it was
 * forwarded to (no text, no personal data), or null for an unknown item.
 */
export function createPublicStatus(
  db: Database,
  configDir: string,
): (itemId: string) => Promise<PublicStatus | null> {
  const store = createCaseStore(db, loadDeadlines(configDir));
  return (itemId) => store.publicStatus(itemId);
}
