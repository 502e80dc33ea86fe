/** Type OIDs whose parsing both adapters override so that they return the same JS values. */
export const oids = { int8: 20, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

/**
 * Postgres text output of a timestamptz (session TimeZone is UTC, DateStyle ISO)
 * to an ISO-8601 string; values JS cannot represent (infinity, BC) are kept as text.
 */
export function parseTimestamptz(s: string): string {
  const d = new Date(s.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(d.getTime()) ? s : d.toISOString();
}

/** A `timestamp without time zone` is read as UTC (the session time zone). */
export const parseTimestamp = (s: string): string =>
  parseTimestamptz(/[+-]\d\d(:\d\d)?$/.test(s) ? s : `${s}+00`);

/** Counts and bigserial ids fit in a double for any realistic volume. */
export const parseInt8 = (s: string): number => Number(s);

export const parseDate = (s: string): string => s;

/** Parsers by OID, shared by the pg and PGlite adapters. */
export const sharedParsers: Record<number, (s: string) => unknown> = {
  [oids.int8]: parseInt8,
  [oids.date]: parseDate,
  [oids.timestamp]: parseTimestamp,
  [oids.timestamptz]: parseTimestamptz,
};

/** Schema names are interpolated into SQL, so they are restricted to plain identifiers. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`invalid schema name "${schema}": use lowercase letters, digits and _`);
  }
  return schema;
}
