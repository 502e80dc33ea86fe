import { ValidationError } from '../../domain/errors.js';
import { FORBIDDEN_KEYS } from '../../domain/storable.js';

/** `--map` pairs: source column -> record field (dotted for nested, e.g. `applicant.name`). */
export type ColumnMap = [column: string, field: string][];

/** Parses `col=field,col2=field2`; a column name may not contain `=` or `,`. */
export function parseColumnMap(spec: string | undefined): ColumnMap {
  if (!spec?.trim()) return [];
  return spec.split(',').map((pair) => {
    const [col, field, ...rest] = pair.split('=').map((s) => s.trim());
    if (!col || !field || rest.length)
      throw new ValidationError(`bad --map entry "${pair}" (expected column=field)`);
    if (!/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*$/.test(field))
      throw new ValidationError(`bad field name "${field}" in --map`);
    const bad = field.split('.').find((p) => FORBIDDEN_KEYS.has(p));
    if (bad) throw new ValidationError(`field name part "${bad}" is not allowed in --map ("${field}")`);
    return [col, field];
  });
}

/** Renames mapped columns of a record (set at the dotted field path); unmapped columns are kept as extra fields. */
export function applyColumnMap(record: Record<string, unknown>, map: ColumnMap): Record<string, unknown> {
  if (map.length === 0) return record;
  const out: Record<string, unknown> = { ...record };
  for (const [col] of map) delete out[col];
  for (const [col, field] of map) {
    // Only the record's own columns: `record.__proto__` would be Object.prototype itself.
    const value = Object.hasOwn(record, col) ? record[col] : undefined;
    if (value === undefined) continue;
    const parts = field.split('.');
    let node = out;
    for (const p of parts.slice(0, -1)) {
      const next = Object.hasOwn(node, p) ? node[p] : undefined;
      if (typeof next !== 'object' || next === null) node[p] = {};
      node = node[p] as Record<string, unknown>;
    }
    node[parts.at(-1)!] = value;
  }
  return out;
}
