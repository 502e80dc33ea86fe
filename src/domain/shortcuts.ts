import { z } from 'zod';

/**
 * Keyboard shortcuts of the review UI, per user (WCAG 2.1.4 "Character Key
 * Shortcuts": a single-key shortcut can be turned off or remapped).
 */
export const SHORTCUT_ACTIONS = [
  'next',
  'prev',
  'open',
  'search',
  'assign',
  'verdict',
  'confirmClaim',
  'rejectClaim',
  'select',
  'help',
] as const;
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

export const DEFAULT_SHORTCUTS: Record<ShortcutAction, string> = {
  next: 'j',
  prev: 'k',
  open: 'o',
  search: '/',
  assign: 'a',
  verdict: 'v',
  confirmClaim: 'c',
  rejectClaim: 'r',
  select: 'x',
  help: '?',
};

/** One printable character that is not a space (a letter, digit or sign; no modifier keys). */
const KEY = /^[^\s\p{C}]$/u;

/** What a user stored: shortcuts on or off, and the keys that differ from the defaults. */
export const shortcutPrefsSchema = z.object({
  enabled: z.boolean(),
  keys: z.partialRecord(z.enum(SHORTCUT_ACTIONS), z.string().regex(KEY)).default({}),
});
export type ShortcutPrefs = z.infer<typeof shortcutPrefsSchema>;

/** The effective map (action → key), or null when the user turned shortcuts off. */
export function effectiveShortcuts(
  prefs: ShortcutPrefs | null | undefined,
): Record<ShortcutAction, string> | null {
  if (prefs && !prefs.enabled) return null;
  return { ...DEFAULT_SHORTCUTS, ...(prefs?.keys ?? {}) };
}

export type ShortcutProblem =
  | { kind: 'invalid'; action: ShortcutAction }
  | { kind: 'duplicate'; key: string; actions: ShortcutAction[] };

/**
 * Validates a form's keys (empty = the default) into stored prefs: every key
 * one printable character, no key used for two actions. Letters are kept as
 * typed (the browser reports `J` for shift+j, a different key).
 */
export function parseShortcutForm(
  enabled: boolean,
  raw: Partial<Record<ShortcutAction, string>>,
): { prefs: ShortcutPrefs } | { problems: ShortcutProblem[] } {
  const problems: ShortcutProblem[] = [];
  const keys: Partial<Record<ShortcutAction, string>> = {};
  const effective = {} as Record<ShortcutAction, string>;
  for (const a of SHORTCUT_ACTIONS) {
    const k = (raw[a] ?? '').trim();
    if (k === '') effective[a] = DEFAULT_SHORTCUTS[a];
    else if (!KEY.test(k)) {
      problems.push({ kind: 'invalid', action: a });
    } else {
      effective[a] = k;
      if (k !== DEFAULT_SHORTCUTS[a]) keys[a] = k;
    }
  }
  const byKey = new Map<string, ShortcutAction[]>();
  for (const a of SHORTCUT_ACTIONS) {
    const k = effective[a];
    if (k === undefined) continue;
    byKey.set(k, [...(byKey.get(k) ?? []), a]);
  }
  for (const [key, actions] of byKey)
    if (actions.length > 1) problems.push({ kind: 'duplicate', key, actions });
  return problems.length ? { problems } : { prefs: { enabled, keys } };
}
