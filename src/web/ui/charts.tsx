import type { Count } from '../../store/stats-store.js';
import { TableRegion } from './table-region.js';

/**
 * Daily rows over the last `days` days up to `today` (UTC calendar days, as the
 * store groups them), with an empty row for each day without data, so that the
 * columns of a {@link DayChart} are evenly spaced in time.
 */
export function fillPeriod<T extends { day: string }>(
  rows: T[],
  days: number,
  empty: (day: string) => T,
  today: Date = new Date(),
): T[] {
  const have = new Map(rows.map((r) => [r.day, r]));
  const end = Date.parse(`${today.toISOString().slice(0, 10)}T00:00:00Z`);
  const out: T[] = [];
  for (let k = days - 1; k >= 0; k--) {
    const day = new Date(end - k * 86_400_000).toISOString().slice(0, 10);
    out.push(have.get(day) ?? empty(day));
  }
  return out;
}

/**
 * A horizontal bar chart with the numbers written beside each bar (so it reads
 * without colour) and the same data as a table for screen readers. Labels and
 * numbers are HTML text, not SVG text, so they keep the page's font size
 * (at least 12 px) however narrow the column: only the bars are drawn.
 */
export function BarChart({
  id,
  title,
  data,
  caption,
}: {
  id: string;
  title: string;
  data: Count[];
  caption: string;
}) {
  const max = Math.max(1, ...data.map((d) => d.n));
  return (
    <figure class="chart" aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`}>{title}</figcaption>
      <ul class="bars">
        {data.map((d) => (
          <li>
            <span class="bar-label" title={d.key}>
              {d.key}
            </span>
            <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
              <rect x="0" y="0" height="10" width={Math.max(0.5, (d.n / max) * 100)} class="bar" />
            </svg>
            <span class="bar-num">{d.n}</span>
          </li>
        ))}
      </ul>
      <details>
        <summary>{caption}</summary>
        <TableRegion label={caption}>
          <table>
            <tbody>
              {data.map((d) => (
                <tr>
                  <th scope="row">{d.key}</th>
                  <td>{d.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </details>
    </figure>
  );
}

/**
 * Items per day as columns, flagged items as a hatched part of each column. The
 * axes' labels (counts and dates, in the page's language) are HTML around the
 * drawing, so they stay legible at any width.
 */
export function DayChart({
  title,
  caption,
  data,
  labels,
  formatDay,
}: {
  title: string;
  caption: string;
  data: { day: string; n: number; flagged: number }[];
  labels: { day: string; all: string; flagged: string };
  /** A calendar day ("2026-12-01") in the page's language. */
  formatDay: (day: string) => string;
}) {
  const max = Math.max(1, ...data.map((d) => d.n));
  // A few days do not stretch into one wide block: a bar is at most 24 units wide.
  const w = Math.min(24, Math.max(1, 400 / Math.max(1, data.length)));
  const first = data[0];
  const mid = data.length > 2 ? data[Math.floor((data.length - 1) / 2)] : undefined;
  const last = data.length > 1 ? data[data.length - 1] : undefined;
  const width = Math.max(40, data.length * w);
  return (
    <figure class="chart" aria-labelledby="perday-t">
      <figcaption id="perday-t">{title}</figcaption>
      <div class="daychart">
        <div class="y-axis" aria-hidden="true">
          <span>{max}</span>
          <span>{Math.round(max / 2)}</span>
          <span>0</span>
        </div>
        <svg
          viewBox={`0 0 ${width} 120`}
          preserveAspectRatio="none"
          role="img"
          aria-labelledby="perday-t"
          focusable="false"
        >
          <title>{title}</title>
          <defs>
            <pattern
              id="hatch"
              width="4"
              height="4"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="2" height="4" class="hatch" />
            </pattern>
          </defs>
          <line x1="0" y1="0.5" x2={width} y2="0.5" class="grid-line" />
          <line x1="0" y1="60" x2={width} y2="60" class="grid-line" />
          {data.map((d, i) => (
            <g>
              <rect
                x={i * w}
                y={120 - (d.n / max) * 118}
                width={Math.max(1, w - 1)}
                height={(d.n / max) * 118}
                class="bar"
              />
              <rect
                x={i * w}
                y={120 - (d.flagged / max) * 118}
                width={Math.max(1, w - 1)}
                height={(d.flagged / max) * 118}
                fill="url(#hatch)"
              />
            </g>
          ))}
          <line x1="0" y1="119.5" x2={width} y2="119.5" class="axis" />
        </svg>
        <div class="x-axis" aria-hidden="true">
          <span>{first ? formatDay(first.day) : ''}</span>
          <span>{mid ? formatDay(mid.day) : ''}</span>
          <span>{last ? formatDay(last.day) : ''}</span>
        </div>
      </div>
      <p class="hint">{`▇ ${labels.all} · ▨ ${labels.flagged}`}</p>
      <details>
        <summary>{caption}</summary>
        <TableRegion label={caption}>
          <table>
            <thead>
              <tr>
                <th scope="col">{labels.day}</th>
                <th scope="col">{labels.all}</th>
                <th scope="col">{labels.flagged}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr>
                  <th scope="row">{formatDay(d.day)}</th>
                  <td>{d.n}</td>
                  <td>{d.flagged}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </details>
    </figure>
  );
}
