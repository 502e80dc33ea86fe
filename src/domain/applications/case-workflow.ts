import { ConflictError } from '../errors.js';

/** States of an application case. */
export const caseStates = ['open', 'forwarded', 'answered', 'closed'] as const;
export type CaseState = (typeof caseStates)[number];

/**
 * Actions on a case and the states each may start from: a case is answered (reply
 * sent) or forwarded to the competent institution, and then closed.
 */
export const caseTransitions = {
  mark_sent: { from: ['open'], to: 'answered' },
  forward: { from: ['open'], to: 'forwarded' },
  close: { from: ['answered', 'forwarded'], to: 'closed' },
} as const satisfies Record<string, { from: readonly CaseState[]; to: CaseState }>;
export type CaseAction = keyof typeof caseTransitions;

/** Decides a transition; throws ConflictError when the action is not allowed in `state`. */
export function nextCaseState(state: CaseState, action: CaseAction): CaseState {
  const t = caseTransitions[action];
  if (!(t.from as readonly CaseState[]).includes(state))
    throw new ConflictError(`cannot ${action.replace('_', ' ')} a case in state "${state}"`, {
      state,
      action,
    });
  return t.to;
}

/** The actions possible in a state (for rendering forms). */
export const caseActions = (state: CaseState): CaseAction[] =>
  (Object.keys(caseTransitions) as CaseAction[]).filter((a) =>
    (caseTransitions[a].from as readonly CaseState[]).includes(state),
  );

/** Channels a reply reaches the applicant through. */
export const replyChannels = ['eposta', 'posta', 'telefon', 'edevlet_cimer'] as const;
export type ReplyChannel = (typeof replyChannels)[number];
