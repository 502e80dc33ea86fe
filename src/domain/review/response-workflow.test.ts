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

  it('schedules an approved response and publishes it later, or sends it back', () => {
    const approved = { ...draft, state: 'approved' as const };
    expect(nextResponseState(approved, 'schedule', 'b')).toBe('scheduled');
    const scheduled = { ...draft, state: 'scheduled' as const };
    expect(nextResponseState(scheduled, 'publish', 'b')).toBe('published');
    expect(nextResponseState(scheduled, 'request_changes', 'b')).toBe('changes_requested');
    expect(() => nextResponseState(scheduled, 'schedule', 'b')).toThrow(/cannot schedule/);
    expect(() => nextResponseState(draft, 'schedule', 'b')).toThrow(/cannot schedule/);
  });

  it('revises a published response into a new draft that needs approval again', () => {
    const published = { ...draft, state: 'published' as const };
    expect(nextResponseState(published, 'revise', 'a')).toBe('draft');
    expect(() => nextResponseState(draft, 'revise', 'a')).toThrow(/cannot revise/);
    expect(() => nextResponseState(published, 'edit', 'a')).toThrow(/cannot edit/);
    expect(availableActions(published, 'a')).toEqual(['revise']);
  });

  it('lists available actions without approve for the author', () => {
    expect(availableActions({ state: 'submitted', authorIds: ['a'] }, 'a')).toEqual(['request_changes']);
    expect(availableActions({ state: 'submitted', authorIds: ['a'] }, 'b')).toEqual([
      'approve',
      'request_changes',
    ]);
  });
});
