import Holidays from 'date-holidays';

export {
  addDays,
  daysBetween,
  type IsoDate,
  isTimeZone,
  localParts,
  zonedInstant,
} from '../time-zone.js';

import { addDays, type IsoDate, localParts, zonedInstant } from '../time-zone.js';

/** What the calendar knows about one day. */
export interface DayInfo {
  date: IsoDate;
  /** Offices are open (at least in the morning). */
  working: boolean;
  weekend: boolean;
  /** A public holiday's name in Turkish and English, if the whole day is one. */
  holiday: { tr: string; en: string } | null;
  /** An eve (arife, 28 Ekim) whose afternoon is a holiday: a working day that ends early. */
  halfDay: { tr: string; en: string } | null;
}

/** Working days of an office: weekends and public holidays are not working days. */
export interface WorkCalendar {
  readonly tz: string;
  day(date: IsoDate): DayInfo;
}

// Law 2429: Ramazan and Kurban Bayramı and Cumhuriyet Bayramı begin at 13:00 on the day before.
const EVE_RULES = /Shawwal|Dhu al-Hijjah|^10-29$/;

interface YearTable {
  holidays: Map<IsoDate, { tr: string; en: string }>;
  eves: Map<IsoDate, { tr: string; en: string }>;
}

/**
 * Turkish working days from `date-holidays` (`TR`, type public). Multi-day
 * holidays come with start and end instants (a religious holiday starts the
 * evening before its first day); a day is a holiday when the whole day, midnight
 * to midnight in `tz`, lies inside that interval. The eves of the two bayrams
 * and 28 October are half days ({@link DayInfo.halfDay}).
 */
export function turkishCalendar(tz = 'Europe/Istanbul'): WorkCalendar {
  const hd = new Holidays('TR');
  const years = new Map<number, YearTable>();

  const build = (year: number): YearTable => {
    const t: YearTable = { holidays: new Map(), eves: new Map() };
    for (const y of [year - 1, year, year + 1]) {
      const en = hd.getHolidays(y, 'en').filter((h) => h.type === 'public');
      for (const [i, h] of hd
        .getHolidays(y, 'tr')
        .filter((x) => x.type === 'public')
        .entries()) {
        const name = { tr: h.name, en: en[i]?.name ?? h.name };
        let first: IsoDate | null = null;
        for (
          let d = localParts(h.start, tz).date;
          zonedInstant(addDays(d, 1), 0, tz) <= h.end;
          d = addDays(d, 1)
        ) {
          if (zonedInstant(d, 0, tz) < h.start) continue;
          first ??= d;
          if (d.startsWith(String(year))) t.holidays.set(d, name);
        }
        if (first && EVE_RULES.test(h.rule)) {
          const eve = addDays(first, -1);
          if (eve.startsWith(String(year)))
            t.eves.set(eve, { tr: `${name.tr} arifesi`, en: `Eve of ${name.en}` });
        }
      }
    }
    return t;
  };

  return {
    tz,
    day(date) {
      const year = Number(date.slice(0, 4));
      let t = years.get(year);
      if (!t) {
        t = build(year);
        years.set(year, t);
      }
      const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
      const weekend = wd === 0 || wd === 6;
      const holiday = t.holidays.get(date) ?? null;
      const working = !weekend && !holiday;
      return { date, working, weekend, holiday, halfDay: working ? (t.eves.get(date) ?? null) : null };
    },
  };
}

/** The first working day after `date`. */
export function nextWorkingDay(cal: WorkCalendar, date: IsoDate): IsoDate {
  let d = addDays(date, 1);
  // Turkey never has more than about ten non-working days in a row; the bound only guards bad data.
  for (let i = 0; i < 60 && !cal.day(d).working; i++) d = addDays(d, 1);
  return d;
}

/** The last working day before `date`. */
export function previousWorkingDay(cal: WorkCalendar, date: IsoDate): IsoDate {
  let d = addDays(date, -1);
  for (let i = 0; i < 60 && !cal.day(d).working; i++) d = addDays(d, -1);
  return d;
}
