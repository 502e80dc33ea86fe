import { describe, expect, it } from 'vitest';
import { ConflictError } from '../errors.js';
import { caseActions, nextCaseState } from './case-workflow.js';
import { classifyCase } from './sla.js';

describe('case state machine', () => {
  it.each([
    ['open', 'mark_sent', 'answered'],
    ['open', 'forward', 'forwarded'],
    ['answered', 'close', 'closed'],
    ['forwarded', 'close', 'closed'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(nextCaseState(from, action)).toBe(to);
  });

  it.each([
    ['open', 'close'],
    ['answered', 'mark_sent'],
    ['answered', 'forward'],
    ['forwarded', 'mark_sent'],
    ['closed', 'close'],
    ['closed', 'forward'],
  ] as const)('refuses %s --%s', (from, action) => {
    expect(() => nextCaseState(from, action)).toThrow(ConflictError);
  });

  it('lists the actions of a state', () => {
    expect(caseActions('open')).toEqual(['mark_sent', 'forward']);
    expect(caseActions('closed')).toEqual([]);
  });
});

describe('SLA classification', () => {
  const base = {
    state: 'open' as const,
    dueDate: '2025-01-27',
    dueAt: new Date('2025-01-27T20:59:59.999Z'),
    riskAt: new Date('2025-01-21T21:00:00.000Z'),
    replySentOn: null,
    forwardedAt: null,
  };
  it.each([
    ['on track', base, '2025-01-20T10:00:00Z', 'on_track'],
    ['at risk', base, '2025-01-22T10:00:00Z', 'at_risk'],
    ['overdue', base, '2025-01-28T10:00:00Z', 'overdue'],
    [
      'answered on the due date',
      { ...base, state: 'answered', replySentOn: '2025-01-27' },
      '2025-03-01T00:00:00Z',
      'on_time',
    ],
    [
      'answered late',
      { ...base, state: 'closed', replySentOn: '2025-01-28' },
      '2025-01-28T10:00:00Z',
      'late',
    ],
    [
      'forwarded',
      { ...base, state: 'forwarded', forwardedAt: new Date('2025-01-10T10:00:00Z') },
      '2025-02-01T00:00:00Z',
      'forwarded',
    ],
  ] as const)('%s', (_name, facts, now, expected) => {
    expect(classifyCase(facts, new Date(now))).toBe(expected);
  });
});
