import type { Count } from '../../store/stats-store.js';
import { TableRegion } from './table-region.js';

/**
 * A horizontal bar chart as inline SVG with the numbers written beside each bar
 * (so it reads without colour) and the same data as a table for screen readers.
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
  const rowH = 22;
  const h = data.length * rowH + 4;
  return (
    <figure class="chart" aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`}>{title}</figcaption>
      <svg viewBox={`0 0 420 ${h}`} width="100%" role="img" aria-labelledby={`${id}-t`} focusable="false">
        <title>{title}</title>
        {data.map((d, i) => (
          <g transform={`translate(0 ${i * rowH + 2})`}>
            <text x="150" y="15" text-anchor="end" class="lbl">
              {d.key.length > 22 ? `${d.key.slice(0, 21)}…` : d.key}
            </text>
            <rect x="156" y="3" height="15" width={Math.max(1, (d.n / max) * 220)} class="bar" />
            <text x={160 + (d.n / max) * 220} y="15" class="num">
              {d.n}
            </text>
          </g>
        ))}
      </svg>
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

/** Items per day as columns, flagged items as a hatched part of each column. */
export function DayChart({
  title,
  caption,
  data,
  labels,
}: {
  title: string;
  caption: string;
  data: { day: string; n: number; flagged: number }[];
  labels: { day: string; all: string; flagged: string };
}) {
  const max = Math.max(1, ...data.map((d) => d.n));
  // A few days do not stretch into one wide block: a bar is at most 24 units wide.
  const w = Math.min(24, Math.max(1, 400 / Math.max(1, data.length)));
  const first = data[0];
  const last = data[data.length - 1];
  return (
    <figure class="chart" aria-labelledby="perday-t">
      <figcaption id="perday-t">{title}</figcaption>
      <svg viewBox="0 0 420 152" width="100%" role="img" aria-labelledby="perday-t" focusable="false">
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
        {data.map((d, i) => (
          <g>
            <rect
              x={10 + i * w}
              y={130 - (d.n / max) * 120}
              width={Math.max(1, w - 1)}
              height={(d.n / max) * 120}
              class="bar"
            />
            <rect
              x={10 + i * w}
              y={130 - (d.flagged / max) * 120}
              width={Math.max(1, w - 1)}
              height={(d.flagged / max) * 120}
              fill="url(#hatch)"
            />
          </g>
        ))}
        <line x1="8" y1="130.5" x2={Math.max(40, 12 + data.length * w)} y2="130.5" class="axis" />
        <text x="10" y="12" class="tick">
          {String(max)}
        </text>
        {first ? (
          <text x="10" y="146" class="tick">
            {first.day}
          </text>
        ) : null}
        {last && data.length > 1 ? (
          <text x={Math.min(410, 10 + data.length * w)} y="146" class="tick" text-anchor="end">
            {last.day}
          </text>
        ) : null}
      </svg>
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
                  <th scope="row">{d.day}</th>
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
