/**
 * What PostgreSQL refuses in a record, checked before any write so that one bad
 * value rejects its own record (by index) instead of failing the whole batch.
 * Text and jsonb cannot hold U+0000 or unpaired UTF-16 surrogates, jsonb
 * refuses very deep nesting (and serialising it overflows the stack), and a
 * field name that walks the prototype chain has no business in a record.
 */

/** Deepest nesting accepted in a record: the record itself is level 1. */
export const MAX_RECORD_DEPTH = 16;

/** Field names refused anywhere in a record: assigning them by path would reach `Object.prototype`. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** One problem of a record, at a dotted path. */
export interface StorableIssue {
  path: string;
  message: string;
}

// A NUL, or a surrogate half without its partner.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point.
const BAD_CHAR = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `s` cannot be stored as text, or null when it can. */
export function badText(s: string): string | null {
  const m = BAD_CHAR.exec(s);
  if (!m) return null;
  return m[0] === '\u0000'
    ? `contains a NUL character (U+0000) at position ${m.index}, which cannot be stored`
    : `contains an unpaired UTF-16 surrogate at position ${m.index} (not valid Unicode)`;
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * The first `max` problems that would make PostgreSQL refuse `record`: NUL
 * characters and unpaired surrogates in any string or field name, nesting
 * deeper than {@link MAX_RECORD_DEPTH}, and forbidden field names. Walks
 * without recursion, so a hostile depth cannot overflow the stack.
 */
export function storableIssues(record: unknown, max = 5): StorableIssue[] {
  const issues: StorableIssue[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: record, path: '', depth: 1 }];
  while (stack.length > 0 && issues.length < max) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const why = badText(value);
      if (why) issues.push({ path: path || '(record)', message: why });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_RECORD_DEPTH) {
      issues.push({ path: path || '(record)', message: `nested deeper than ${MAX_RECORD_DEPTH} levels` });
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: join(path, i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const why = badText(key);
      if (why)
        issues.push({ path: join(path, JSON.stringify(key).slice(1, -1)), message: `field name ${why}` });
      else if (FORBIDDEN_KEYS.has(key))
        issues.push({ path: join(path, key), message: `field name "${key}" is not allowed` });
      else
        stack.push({
          value: (value as Record<string, unknown>)[key],
          path: join(path, key),
          depth: depth + 1,
        });
    }
  }
  return issues.slice(0, max);
}
