import { localParts, type WorkCalendar } from '../../domain/applications/calendar.js';
import { remaining } from '../../domain/applications/deadlines.js';
import type { UiLang } from '../../web/ui/i18n.js';
import type { ViewCtx } from '../../web/ui/layout.js';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A local date `YYYY-MM-DD` as the UI language writes it (27.01.2025 / 27 Jan 2025). */
export function formatDate(lang: UiLang, date: string): string {
  let f = dateFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'tr' ? 'tr-TR' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormats.set(lang, f);
  }
  return f.format(new Date(`${date}T00:00:00Z`));
}

/** An instant as local date and time in the office's time zone. */
export function formatInstant(lang: UiLang, tz: string, instant: string | Date): string {
  const p = localParts(new Date(instant), tz);
  const hh = String(Math.floor(p.minutes / 60)).padStart(2, '0');
  const mm = String(p.minutes % 60).padStart(2, '0');
  return `${formatDate(lang, p.date)} ${hh}:${mm}`;
}

/** A due date with what is left in words ("3 iş günü kaldı", "süresi 2 gün geçti"), never colour alone. */
export function DueText(props: { v: ViewCtx; cal: WorkCalendar; now: Date; dueDate: string; open: boolean }) {
  const { v } = props;
  const r = remaining(props.cal, props.now, props.dueDate);
  const left = !props.open ? null : r.overdue ? (
    <strong class="due overdue">{v.t('apps.overdue', { n: r.daysOverdue })}</strong>
  ) : r.workingDaysLeft === 0 ? (
    <strong class="due today">{v.t('apps.dueToday')}</strong>
  ) : (
    <span class="due">{v.t('apps.daysLeft', { n: r.workingDaysLeft })}</span>
  );
  return (
    <>
      <time datetime={props.dueDate}>{formatDate(v.lang, props.dueDate)}</time>
      {left ? <> — {left}</> : null}
    </>
  );
}
