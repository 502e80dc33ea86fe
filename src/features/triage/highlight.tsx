import type { Child } from 'hono/jsx';

/**
 * Renders Meilisearch `_formatted` text (with <mark> tags, otherwise raw) as
 * escaped JSX: only the mark tags become elements. Cut after `max` characters.
 */
export function Highlighted({ text, max = 320 }: { text: string; max?: number }) {
  const parts = text.split(/(<\/?mark>)/);
  const out: Child[] = [];
  let inMark = false;
  let used = 0;
  for (const p of parts) {
    if (p === '<mark>') inMark = true;
    else if (p === '</mark>') inMark = false;
    else if (p && used < max) {
      const s = p.length + used > max ? `${p.slice(0, max - used)}…` : p;
      used += p.length;
      out.push(inMark ? <mark>{s}</mark> : s);
    }
  }
  return <>{out}</>;
}

/** A span of the text to highlight, with a label (the tag) for screen readers and the legend. */
export interface Span {
  start: number;
  end: number;
  label: string;
}

/** Renders text with non-overlapping spans as <mark> elements naming their tag. */
export function Marked({ text, spans }: { text: string; spans: Span[] }) {
  const sorted = [...spans]
    .filter((s) => s.start >= 0 && s.end <= text.length && s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const out: Child[] = [];
  let pos = 0;
  for (const s of sorted) {
    if (s.start < pos) continue;
    out.push(text.slice(pos, s.start));
    out.push(
      <mark title={s.label} data-tag={s.label}>
        {text.slice(s.start, s.end)}
        <span class="sr-only">{` [${s.label}]`}</span>
      </mark>,
    );
    pos = s.end;
  }
  out.push(text.slice(pos));
  return <>{out}</>;
}

/**
 * Maps offsets of the original text onto the redacted text, where each PII span
 * was replaced by a placeholder of another length. A span touching PII is dropped.
 */
export function mapToRedacted(
  spans: Span[],
  pii: { start: number; end: number; kind: string }[],
  placeholderLength: (kind: string) => number,
): Span[] {
  const sortedPii = [...pii].sort((a, b) => a.start - b.start);
  const shift = (p: number) => {
    let d = 0;
    for (const x of sortedPii) if (x.end <= p) d += placeholderLength(x.kind) - (x.end - x.start);
    return p + d;
  };
  return spans
    .filter((s) => !sortedPii.some((x) => s.start < x.end && x.start < s.end))
    .map((s) => ({ ...s, start: shift(s.start), end: shift(s.end) }));
}
