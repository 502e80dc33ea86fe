import { localParts, zonedInstant } from '../domain/time-zone.js';

/** The office's time zone: embargo times are entered and shown in it, stored in UTC. */
export const PUBLISH_TIME_ZONE = 'Europe/Istanbul';

/**
 * Parses a `datetime-local` value (`YYYY-MM-DDTHH:mm[:ss]`) as wall-clock time in
 * `timeZone` and returns the UTC instant, or null when it is not such a value.
 */
export function localToUtc(value: string, timeZone = PUBLISH_TIME_ZONE): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return new Date(zonedInstant(date, h * 60 + mi, timeZone).getTime() + s * 1000);
}

/** Formats a UTC instant as `YYYY-MM-DD HH:mm` wall-clock time in `timeZone`. */
export function formatLocal(iso: string | Date, timeZone = PUBLISH_TIME_ZONE): string {
  const { date, minutes } = localParts(new Date(iso), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date} ${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}
