import { Writable } from 'node:stream';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../domain/errors.js';
import { createLogger } from './logger.js';

describe('createLogger', () => {
  it('never writes secrets or applicant identity', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    logger.info(
      {
        password: 'hunter2-secret',
        token: 'kpr_secret',
        req: { headers: { authorization: 'Bearer kpr_secret2', cookie: 'sid=cookie-secret' } },
        applicant: { tckn: '10000000146' },
        MEILI_MASTER_KEY: 'master-secret',
        reqId: 'r-1',
      },
      'event',
    );
    const out = lines.join('');
    for (const secret of ['hunter2-secret', 'kpr_secret', 'cookie-secret', '10000000146', 'master-secret']) {
      expect(out).not.toContain(secret);
    }
    expect(JSON.parse(out)).toMatchObject({ msg: 'event', reqId: 'r-1', password: '[redacted]' });
  });

  it('logs PostgreSQL errors without the fields and values that quote personal data', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    // As pg builds them from the server's ErrorResponse (with log_parameter_max_length_on_error set).
    const pgError = (message: string, fields: Record<string, string>) =>
      Object.assign(new pg.DatabaseError(message, 200, 'error'), { severity: 'ERROR' }, fields);
    const badInput = pgError('invalid input syntax for type bigint: "Ayşe Yılmaz 05321234567"', {
      code: '22P02',
      where: "unnamed portal parameter $2 = 'Ayşe Yılmaz 05321234567'",
      file: 'numutils.c',
      routine: 'pg_strtoint64',
    });
    const duplicate = pgError('duplicate key value violates unique constraint "applicants_tckn_key"', {
      code: '23505',
      detail: 'Key (tckn)=(10000000146) already exists.',
      where: "SQL statement \"INSERT INTO applicants VALUES ('10000000146', 'ayse@example.org')\"",
      hint: 'value 10000000146',
      internalQuery: "INSERT INTO applicants VALUES ('10000000146')",
      table: 'applicants',
      constraint: 'applicants_tckn_key',
      routine: '_bt_check_unique',
    });
    logger.error({ err: badInput }, 'direct');
    logger.error({ err: new UnavailableError('postgres', 'statement failed', duplicate) }, 'wrapped');
    logger.error(
      { err: new Error('job failed', { cause: new Error('store', { cause: badInput }) }) },
      'deep',
    );
    logger.error(duplicate);
    logger.error(badInput);
    const out = lines.join('');
    for (const personal of ['Ayşe', '05321234567', '10000000146', 'ayse@example.org', 'portal parameter']) {
      expect(out).not.toContain(personal);
    }
    const [direct, wrapped, deep, bare, bareMsg] = lines.map(
      (l) => JSON.parse(l) as { err: Record<string, unknown> },
    );
    // What helps an operator stays: the kind of error, its code, the table and constraint.
    expect(direct!.err).toMatchObject({
      type: 'DatabaseError',
      code: '22P02',
      routine: 'pg_strtoint64',
      message: 'invalid input syntax for type bigint: [redacted]',
    });
    expect(direct!.err).not.toHaveProperty('where');
    expect(wrapped!.err.message).toBe(
      'postgres: statement failed: duplicate key value violates unique constraint "applicants_tckn_key"',
    );
    expect(deep!.err.stack).toContain('invalid input syntax for type bigint: [redacted]');
    expect(bare!.err).toMatchObject({
      code: '23505',
      table: 'applicants',
      constraint: 'applicants_tckn_key',
    });
    for (const field of ['detail', 'where', 'hint', 'internalQuery'])
      expect(bare!.err).not.toHaveProperty(field);
    // `logger.error(err)` takes the message as the line's msg: scrubbed too.
    expect(bareMsg).toMatchObject({ msg: 'invalid input syntax for type bigint: [redacted]' });
    // The error objects themselves are untouched (callers still read code and detail).
    expect(duplicate.detail).toBe('Key (tckn)=(10000000146) already exists.');
  });
});
