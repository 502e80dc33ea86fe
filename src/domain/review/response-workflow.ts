import { ConflictError, ForbiddenError } from '../errors.js';

/**
 * States of a response: drafted, submitted for approval, sent back, approved,
 * scheduled (approved and waiting for its embargo time), published.
 */
export const responseStates = [
  'draft',
  'submitted',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
] as const;
export type ResponseState = (typeof responseStates)[number];

/**
 * Actions on a response and the states each one may start from. `revise` starts a
 * new version of a published response (a correction): the published version stays
 * public until the new one is approved and published.
 */
export const responseTransitions = {
  edit: { from: ['draft', 'changes_requested'], to: 'draft' },
  revise: { from: ['published'], to: 'draft' },
  submit: { from: ['draft', 'changes_requested'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  request_changes: { from: ['submitted', 'approved', 'scheduled'], to: 'changes_requested' },
  schedule: { from: ['approved'], to: 'scheduled' },
  publish: { from: ['approved', 'scheduled'], to: 'published' },
} as const satisfies Record<string, { from: readonly ResponseState[]; to: ResponseState }>;
export type ResponseAction = keyof typeof responseTransitions;

/** What the workflow needs to know about a response to decide a transition. */
export interface ResponseFacts {
  state: ResponseState;
  /** Everyone who wrote any version (the creator included). */
  authorIds: string[];
}

/**
 * Decides a transition and returns the next state. Four-eyes: nobody who wrote
 * any version may approve it; role checks happen at the web edge, this is the
 * rule that must hold whoever calls.
 */
export function nextResponseState(r: ResponseFacts, action: ResponseAction, actorId: string): ResponseState {
  const t = responseTransitions[action];
  if (!(t.from as readonly ResponseState[]).includes(r.state)) {
    throw new ConflictError(`cannot ${action} a response in state "${r.state}"`, { state: r.state, action });
  }
  if (action === 'approve' && r.authorIds.includes(actorId)) {
    throw new ForbiddenError('four-eyes rule: you cannot approve a response you wrote');
  }
  return t.to;
}

/** The actions available in a state for this actor, ignoring roles (for rendering buttons). */
export function availableActions(r: ResponseFacts, actorId: string): ResponseAction[] {
  return (Object.keys(responseTransitions) as ResponseAction[]).filter((a) => {
    try {
      nextResponseState(r, a, actorId);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Why a public response may not be published yet, or null: its item needs a
 * recorded verdict, and a flagged item a verdict a supervisor confirmed. Replies
 * to applicants and responses without an item are not held.
 */
export function publishBlock(
  r: { kind: string; itemId: string | null },
  item: { flagged: boolean } | null,
  verdicts: readonly { confirmedBy: string | null }[],
): 'no_verdict' | 'unconfirmed_verdict' | null {
  if (r.kind !== 'public' || !r.itemId) return null;
  if (verdicts.length === 0) return 'no_verdict';
  if (item?.flagged && !verdicts.some((v) => v.confirmedBy)) return 'unconfirmed_verdict';
  return null;
}
