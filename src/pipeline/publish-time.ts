/** The office's time zone: embargo times are entered and shown in it, stored in UTC. */
export const PUBLISH_TIME_ZONE = 'Europe/Istanbul';

const parts = (d: Date, timeZone: string) => {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, x.value]));
  return { y: +p.year!, mo: +p.month!, d: +p.day!, h: +p.hour!, mi: +p.minute!, s: +p.second! };
};

/** Offset of `timeZone` from UTC at instant `d`, in milliseconds. */
const offsetMs = (d: Date, timeZone: string) => {
  const p = parts(d, timeZone);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(d.getTime() / 1000) * 1000;
};

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
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  // Two passes settle the offset around a change of it.
  let utc = wall - offsetMs(new Date(wall), timeZone);
  utc = wall - offsetMs(new Date(utc), timeZone);
  return new Date(utc);
}

/** Formats a UTC instant as `YYYY-MM-DD HH:mm` wall-clock time in `timeZone`. */
export function formatLocal(iso: string | Date, timeZone = PUBLISH_TIME_ZONE): string {
  const p = parts(new Date(iso), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.y}-${two(p.mo)}-${two(p.d)} ${two(p.h)}:${two(p.mi)}`;
}
