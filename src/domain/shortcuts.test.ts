import { describe, expect, it } from 'vitest';
import { DEFAULT_SHORTCUTS, effectiveShortcuts, parseShortcutForm } from './shortcuts.js';

describe('keyboard shortcut preferences', () => {
  it('defaults apply when nothing is stored; off means no shortcuts at all', () => {
    expect(effectiveShortcuts(null)).toEqual(DEFAULT_SHORTCUTS);
    expect(effectiveShortcuts({ enabled: false, keys: { next: 'n' } })).toBeNull();
    expect(effectiveShortcuts({ enabled: true, keys: { next: 'n' } })).toMatchObject({
      next: 'n',
      prev: 'k',
    });
  });

  it('stores only keys that differ from the defaults; empty fields take the default', () => {
    expect(parseShortcutForm(true, { next: 'n', prev: '', open: 'o' })).toEqual({
      prefs: { enabled: true, keys: { next: 'n' } },
    });
    expect(parseShortcutForm(false, {})).toEqual({ prefs: { enabled: false, keys: {} } });
    expect(parseShortcutForm(true, { next: 'ş' })).toEqual({ prefs: { enabled: true, keys: { next: 'ş' } } });
  });

  it('rejects a key used twice (also with a default) and keys that are not one printable character', () => {
    expect(parseShortcutForm(true, { next: 'k' })).toEqual({
      problems: [{ kind: 'duplicate', key: 'k', actions: ['next', 'prev'] }],
    });
    const bad = parseShortcutForm(true, { next: 'ab', prev: ' ', open: '\u0007' });
    expect('problems' in bad && bad.problems.map((p) => p.kind === 'invalid' && p.action)).toEqual([
      'next',
      'open',
    ]);
  });
});
