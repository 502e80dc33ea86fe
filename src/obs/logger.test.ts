import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
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
});
