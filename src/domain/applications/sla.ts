import type { IsoDate } from './calendar.js';
import type { CaseState } from './case-workflow.js';

/** SLA classes of a case at an instant. */
export const slaClasses = ['on_time', 'late', 'forwarded', 'at_risk', 'overdue', 'on_track'] as const;
export type SlaClass = (typeof slaClasses)[number];

/** What the classification needs to know about a case. */
export interface SlaFacts {
  state: CaseState;
  dueDate: IsoDate;
  dueAt: Date;
  riskAt: Date;
  /** Local date the reply was sent, if it was. */
  replySentOn: IsoDate | null;
  forwardedAt: Date | null;
}

/**
 * Classifies a case for the SLA view: a sent reply is on time when sent on or
 * before the due date; a forwarded case counts as forwarded; an open case is
 * overdue after its due date, at risk from its risk instant, else on track.
 * The store's SQL implements the same rules (tested against this function).
 */
export function classifyCase(c: SlaFacts, now: Date): SlaClass {
  if (c.replySentOn) return c.replySentOn <= c.dueDate ? 'on_time' : 'late';
  if (c.forwardedAt || c.state === 'forwarded') return 'forwarded';
  if (c.state !== 'open') return 'on_track';
  if (now > c.dueAt) return 'overdue';
  if (now >= c.riskAt) return 'at_risk';
  return 'on_track';
}
