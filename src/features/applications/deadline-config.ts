import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { turkishCalendar, type WorkCalendar } from '../../domain/applications/calendar.js';
import {
  computeDeadline,
  type DeadlineConfig,
  deadlineConfigSchema,
} from '../../domain/applications/deadlines.js';
import { ConfigError } from '../../domain/errors.js';
import type { ApplicationType } from '../../domain/item.js';

/** The deadline rules and the working-day calendar they are counted on. */
export interface Deadlines {
  config: DeadlineConfig;
  calendar: WorkCalendar;
  compute: (appType: ApplicationType, receivedAt: Date) => ReturnType<typeof computeDeadline>;
}

/**
 * Reads and validates `applications/deadlines.json` under CONFIG_DIR; a missing
 * or invalid file stops start-up with a ConfigError naming the field.
 */
export function loadDeadlines(configDir: string): Deadlines {
  const path = join(resolve(configDir), 'applications', 'deadlines.json');
  if (!existsSync(path)) throw new ConfigError(`deadline rules not found: ${path}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${path}: ${(err as Error).message}`);
  }
  const parsed = deadlineConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`,
      parsed.error.issues,
    );
  const config = parsed.data;
  const calendar = turkishCalendar(config.timezone);
  return { config, calendar, compute: (t, at) => computeDeadline(calendar, config, t, at) };
}
