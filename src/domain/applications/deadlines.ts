import { z } from 'zod';
import { type ApplicationType, applicationTypes } from '../item.js';
import {
  addDays,
  daysBetween,
  type IsoDate,
  isTimeZone,
  localParts,
  nextWorkingDay,
  previousWorkingDay,
  type WorkCalendar,
  zonedInstant,
} from './calendar.js';

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')
  .transform((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3)));

/** How a deadline is counted: calendar days, or working days (Mon–Fri without public holidays). */
export const deadlineRuleSchema = z.union([
  z.strictObject({ calendarDays: z.number().int().min(1).max(365) }),
  z.strictObject({ workingDays: z.number().int().min(1).max(250) }),
]);
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

const typeRuleSchema = z.strictObject({
  law: z.enum(['3071', '4982']),
  rule: deadlineRuleSchema,
  /** A case is at risk (and escalated) when this many working days or fewer are left. */
  atRiskWorkingDays: z.number().int().min(0).max(60),
});

/** `config/applications/deadlines.json`: one rule per application type. */
export const deadlineConfigSchema = z.strictObject({
  timezone: z.string().refine(isTimeZone, 'unknown time zone'),
  workingHours: z.strictObject({
    /** Applications received at or after this local time count as received on the next working day. */
    end: hhmm,
    /** The same on half days (arife, 28 October). */
    halfDayEnd: hhmm,
  }),
  types: z.strictObject(
    Object.fromEntries(applicationTypes.map((t) => [t, typeRuleSchema])) as Record<
      ApplicationType,
      typeof typeRuleSchema
    >,
  ),
});
export type DeadlineConfig = z.output<typeof deadlineConfigSchema>;
export type Law = DeadlineConfig['types'][ApplicationType]['law'];

/** A computed deadline with what is needed to explain it. */
export interface Deadline {
  law: Law;
  rule: DeadlineRule;
  receivedAt: Date;
  /** The working day the application counts as received on. */
  registeredOn: IsoDate;
  /** Received after working hours or on a non-working day. */
  receivedOutsideHours: boolean;
  /** The last day to answer (a working day). */
  dueDate: IsoDate;
  /** The end of `dueDate` in the office's time zone: later than this is late. */
  dueAt: Date;
  /** For calendar-day rules: the day the period ended before moving to the next working day. */
  shiftedFrom: IsoDate | null;
  /** Public holidays and half days between `registeredOn` and `dueDate`, for the explanation. */
  holidays: { date: IsoDate; tr: string; en: string; half: boolean }[];
  /** The start of the day from which the case counts as at risk. */
  riskAt: Date;
  atRiskWorkingDays: number;
}

/**
 * Computes the legal answer deadline of an application (pure).
 *
 * - Receipt: on a working day before the end of working hours (earlier on half
 *   days), the application counts as received that day; otherwise on the next
 *   working day. Counting starts the day after (the day of receipt is not counted).
 * - Calendar days (Law 3071, 30 days): the period ends on the Nth day; if that is
 *   not a working day, it moves to the next working day (the general rule on time
 *   limits in Turkish administrative law).
 * - Working days (Law 4982, 15 working days): the Nth working day, skipping
 *   weekends and public holidays. A half day (arife, 28 October) is a working day:
 *   offices are open in the morning and only the afternoon is a holiday.
 * - The deadline ends at midnight after the due date: a reply sent on the due date is on time.
 */
export function computeDeadline(
  cal: WorkCalendar,
  config: DeadlineConfig,
  appType: ApplicationType,
  receivedAt: Date,
): Deadline {
  const t = config.types[appType];
  const local = localParts(receivedAt, cal.tz);
  const day = cal.day(local.date);
  const closesAt = day.halfDay ? config.workingHours.halfDayEnd : config.workingHours.end;
  const outside = !day.working || local.minutes >= closesAt;
  const registeredOn = outside ? nextWorkingDay(cal, local.date) : local.date;

  let dueDate: IsoDate;
  let shiftedFrom: IsoDate | null = null;
  if ('calendarDays' in t.rule) {
    const last = addDays(registeredOn, t.rule.calendarDays);
    dueDate = cal.day(last).working ? last : nextWorkingDay(cal, last);
    if (dueDate !== last) shiftedFrom = last;
  } else {
    dueDate = registeredOn;
    for (let i = 0; i < t.rule.workingDays; i++) dueDate = nextWorkingDay(cal, dueDate);
  }

  let riskDate = dueDate;
  for (let i = 0; i < t.atRiskWorkingDays; i++) riskDate = previousWorkingDay(cal, riskDate);

  const holidays: Deadline['holidays'] = [];
  for (let d = addDays(registeredOn, 1); d <= dueDate; d = addDays(d, 1)) {
    const info = cal.day(d);
    const h = info.holiday ?? info.halfDay;
    if (h) holidays.push({ date: d, ...h, half: !info.holiday });
  }

  return {
    law: t.law,
    rule: t.rule,
    receivedAt,
    registeredOn,
    receivedOutsideHours: outside,
    dueDate,
    dueAt: new Date(zonedInstant(addDays(dueDate, 1), 0, cal.tz).getTime() - 1),
    shiftedFrom,
    holidays,
    riskAt: zonedInstant(riskDate, 0, cal.tz),
    atRiskWorkingDays: t.atRiskWorkingDays,
  };
}

/** Time left until a due date, as shown to staff. */
export interface Remaining {
  overdue: boolean;
  /** Working days after today up to and including the due date (0: due today). */
  workingDaysLeft: number;
  /** Calendar days past the due date (0 unless overdue). */
  daysOverdue: number;
}

/** How much time is left at `now` before `dueDate`. */
export function remaining(cal: WorkCalendar, now: Date, dueDate: IsoDate): Remaining {
  const today = localParts(now, cal.tz).date;
  if (today > dueDate) return { overdue: true, workingDaysLeft: 0, daysOverdue: daysBetween(dueDate, today) };
  let n = 0;
  for (let d = addDays(today, 1); d <= dueDate; d = addDays(d, 1)) if (cal.day(d).working) n++;
  return { overdue: false, workingDaysLeft: n, daysOverdue: 0 };
}
