/** Wall-clock dates and times in a time zone (Europe/Istanbul for the office), without a date library. */

/** A calendar date `YYYY-MM-DD` (a day in the office's time zone, not an instant). */
export type IsoDate = string;

const DAY_MS = 86_400_000;

/** `d` plus `n` calendar days. */
export const addDays = (d: IsoDate, n: number): IsoDate =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Calendar days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: IsoDate, b: IsoDate): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (tz: string) => {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  return f;
};

/** The wall-clock date and minutes after midnight of an instant in `tz`. */
export function localParts(instant: Date, tz: string): { date: IsoDate; minutes: number; seconds: number } {
  const p = Object.fromEntries(
    formatter(tz)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    minutes: Number(p.hour) * 60 + Number(p.minute),
    seconds: Number(p.second),
  };
}

const offsetMs = (t: number, tz: string) => {
  const { date, minutes, seconds } = localParts(new Date(t), tz);
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000 + seconds * 1000;
  return wall - Math.floor(t / 1000) * 1000;
};

/** The instant at which the wall clock in `tz` shows `date` plus `minutes` after midnight. */
export function zonedInstant(date: IsoDate, minutes: number, tz: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  let t = wall - offsetMs(wall, tz);
  // A second pass settles instants next to an offset change.
  t = wall - offsetMs(t, tz);
  return new Date(t);
}

/** True if `tz` is a time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
