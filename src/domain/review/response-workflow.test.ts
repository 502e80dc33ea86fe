import { describe, expect, it } from 'vitest';
import { availableActions, nextResponseState } from './response-workflow.js';

describe('response workflow', () => {
  const draft = { state: 'draft' as const, authorIds: ['a'] };

  it('walks draft -> submitted -> approved -> published', () => {
    expect(nextResponseState(draft, 'submit', 'a')).toBe('submitted');
    expect(nextResponseState({ ...draft, state: 'submitted' }, 'approve', 'b')).toBe('approved');
    expect(nextResponseState({ ...draft, state: 'approved' }, 'publish', 'b')).toBe('published');
  });

  it('refuses approval by any author of any version (four-eyes)', () => {
    const r = { state: 'submitted' as const, authorIds: ['a', 'b'] };
    expect(() => nextResponseState(r, 'approve', 'a')).toThrow(/four-eyes/);
    expect(() => nextResponseState(r, 'approve', 'b')).toThrow(/four-eyes/);
    expect(nextResponseState(r, 'approve', 'c')).toBe('approved');
  });

  it('refuses publishing before approval and editing after submission', () => {
    expect(() => nextResponseState(draft, 'publish', 'b')).toThrow(/cannot publish/);
    expect(() => nextResponseState({ ...draft, state: 'submitted' }, 'edit', 'a')).toThrow(/cannot edit/);
    expect(() => nextResponseState({ ...draft, state: 'published' }, 'request_changes', 'b')).toThrow();
  });

  it('lists available actions without approve for the author', () => {
    expect(availableActions({ state: 'submitted', authorIds: ['a'] }, 'a')).toEqual(['request_changes']);
    expect(availableActions({ state: 'submitted', authorIds: ['a'] }, 'b')).toEqual([
      'approve',
      'request_changes',
    ]);
  });
});
