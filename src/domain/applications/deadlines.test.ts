import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { turkishCalendar } from './calendar.js';
import { computeDeadline, deadlineConfigSchema, remaining } from './deadlines.js';

const config = deadlineConfigSchema.parse(
  JSON.parse(readFileSync(new URL('../../../config/applications/deadlines.json', import.meta.url), 'utf8')),
);
const cal = turkishCalendar('Europe/Istanbul');
// Istanbul is UTC+3 all year.
const at = (local: string) => new Date(`${local}:00+03:00`);

describe('Law 3071: 30 calendar days, moved to the next working day', () => {
  it.each([
    ['working day, office hours', '2025-01-15T10:00', '2025-01-15', '2025-02-14', null],
    ['Friday after hours → Monday', '2025-01-17T18:00', '2025-01-20', '2025-02-19', null],
    ['received on Saturday', '2025-01-18T11:00', '2025-01-20', '2025-02-19', null],
    ['last day a Saturday', '2025-01-02T09:00', '2025-01-02', '2025-02-03', '2025-02-01'],
    ['last day a single holiday (23 Nisan)', '2025-03-24T09:00', '2025-03-24', '2025-04-24', '2025-04-23'],
    ['last day in Ramazan Bayramı 2026', '2026-02-18T09:00', '2026-02-18', '2026-03-23', '2026-03-20'],
    ['last day in Kurban Bayramı 2026', '2026-04-27T09:00', '2026-04-27', '2026-06-01', '2026-05-27'],
    ['year boundary onto 1 January', '2025-12-02T09:00', '2025-12-02', '2026-01-02', '2026-01-01'],
    ['arife afternoon counts as after hours', '2025-06-05T14:00', '2025-06-10', '2025-07-10', null],
    ['arife morning counts as that day', '2025-06-05T10:00', '2025-06-05', '2025-07-07', '2025-07-05'],
  ])('%s', (_name, received, registeredOn, dueDate, shiftedFrom) => {
    const d = computeDeadline(cal, config, 'sikayet', at(received));
    expect(d.law).toBe('3071');
    expect(d.registeredOn).toBe(registeredOn);
    expect(d.dueDate).toBe(dueDate);
    expect(d.shiftedFrom).toBe(shiftedFrom);
  });

  it('applies to sikayet, ihbar, talep and gorus_oneri alike', () => {
    for (const type of ['sikayet', 'ihbar', 'talep', 'gorus_oneri'] as const)
      expect(computeDeadline(cal, config, type, at('2025-01-15T10:00')).dueDate).toBe('2025-02-14');
  });
});

describe('Law 4982: 15 working days without weekends and public holidays', () => {
  it.each([
    ['plain weeks', '2025-01-06T10:00', '2025-01-27'],
    ['Friday after hours', '2025-01-10T18:00', '2025-02-03'],
    ['one minute before closing', '2025-01-06T17:29', '2025-01-27'],
    ['at closing time', '2025-01-06T17:30', '2025-01-28'],
    ['single holidays 23 Nisan and 1 Mayıs', '2025-04-14T10:00', '2025-05-07'],
    ['received on a holiday', '2025-04-23T10:00', '2025-05-16'],
    ['Ramazan Bayramı 2025 (Sunday to Tuesday)', '2025-03-24T10:00', '2025-04-16'],
    ['Kurban Bayramı 2025, arife counts as a working day', '2025-06-02T10:00', '2025-06-25'],
    ['Ramazan Bayramı 2026', '2026-03-16T10:00', '2026-04-07'],
    ['Kurban Bayramı 2026 and 19 Mayıs', '2026-05-18T10:00', '2026-06-12'],
    ['Ramazan Bayramı 2027', '2027-03-05T10:00', '2027-03-31'],
    ['Kurban Bayramı 2027 overlapping 19 Mayıs', '2027-05-14T10:00', '2027-06-09'],
    ['year boundary with 1 January', '2025-12-23T10:00', '2026-01-14'],
    ['holiday on a Saturday (30 Ağustos 2025) is not skipped twice', '2025-08-25T10:00', '2025-09-15'],
    ['28 Ekim half day and 29 Ekim', '2025-10-27T10:00', '2025-11-18'],
  ])('%s', (_name, received, dueDate) => {
    const d = computeDeadline(cal, config, 'bilgi_edinme', at(received));
    expect(d.law).toBe('4982');
    expect(d.dueDate).toBe(dueDate);
    expect(cal.day(d.dueDate).working).toBe(true);
  });

  it('explains the holidays in the period, half days marked', () => {
    const d = computeDeadline(cal, config, 'bilgi_edinme', at('2025-06-02T10:00'));
    expect(d.holidays.map((h) => [h.date, h.half])).toEqual([
      ['2025-06-05', true],
      ['2025-06-06', false],
      ['2025-06-07', false],
      ['2025-06-08', false],
      ['2025-06-09', false],
    ]);
    expect(d.holidays[1]!.tr).toBe('Kurban Bayramı');
  });

  it('ends at midnight after the due date and turns at risk N working days before', () => {
    const d = computeDeadline(cal, config, 'bilgi_edinme', at('2025-01-06T10:00'));
    expect(d.dueAt.toISOString()).toBe('2025-01-27T20:59:59.999Z');
    // 3 working days before Monday 27 January: Wednesday 22 January, local midnight.
    expect(d.riskAt.toISOString()).toBe('2025-01-21T21:00:00.000Z');
  });
});

describe('remaining working days', () => {
  it.each([
    ['four days before, over a weekend', '2025-01-23T10:00', false, 2, 0],
    ['on the due date', '2025-01-27T16:00', false, 0, 0],
    ['just after midnight', '2025-01-28T00:01', true, 0, 1],
    ['a week late', '2025-02-03T09:00', true, 0, 7],
  ])('%s', (_name, now, overdue, left, late) => {
    expect(remaining(cal, at(now), '2025-01-27')).toEqual({
      overdue,
      workingDaysLeft: left,
      daysOverdue: late,
    });
  });
});

describe('configuration', () => {
  const raw = JSON.parse(
    readFileSync(new URL('../../../config/applications/deadlines.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  it.each([
    ['an unknown time zone', { timezone: 'Mars/Olympus' }],
    ['a bad time', { workingHours: { end: '25:00', halfDayEnd: '13:00' } }],
    ['a missing type', { types: {} }],
    [
      'two rules at once',
      {
        types: {
          ...(raw.types as object),
          talep: { law: '3071', rule: { calendarDays: 30, workingDays: 15 }, atRiskWorkingDays: 5 },
        },
      },
    ],
  ])('rejects %s', (_name, change) => {
    expect(deadlineConfigSchema.safeParse({ ...raw, ...change }).success).toBe(false);
  });
  it('accepts the shipped file', () => {
    expect(deadlineConfigSchema.safeParse(raw).success).toBe(true);
  });
});
