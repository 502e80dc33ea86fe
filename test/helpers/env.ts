/**
 * Service availability for integration tests. Locally a test whose service is
 * missing is skipped; in CI (CI=true) it fails, so a missing service can never
 * turn a red run green.
 */
export const inCI = process.env.CI === 'true' || process.env.CI === '1';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Random lowercase id for isolating schemas, queue prefixes and index names. */
export const randomId = (prefix: string) =>
  `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * Returns true if the service answers. In CI an unreachable service throws, failing the suite.
 */
export async function serviceAvailable(name: string, check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch (err) {
    if (inCI) throw new Error(`${name} is required in CI but unreachable: ${(err as Error).message}`);
    console.warn(`[test] ${name} unreachable, skipping: ${(err as Error).message}`);
    return false;
  }
}
