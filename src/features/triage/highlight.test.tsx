import { expect, it } from 'vitest';
import { Highlighted, Marked, mapToRedacted } from './highlight.js';

it('escapes everything except the mark tags from the search engine', () => {
  const html = String(<Highlighted text={'<script>x</script> <mark>aşı</mark> & co'} />);
  expect(html).toBe('&lt;script&gt;x&lt;/script&gt; <mark>aşı</mark> &amp; co');
});

it('marks evidence spans and shifts them past PII placeholders', () => {
  const original = 'Tel 05551234567 baraj patladı';
  const redacted = 'Tel [TEL] baraj patladı';
  const spans = mapToRedacted(
    [{ start: 16, end: 21, label: 'panik' }],
    [{ kind: 'phone', start: 4, end: 15 }],
    () => 5,
  );
  expect(redacted.slice(spans[0]!.start, spans[0]!.end)).toBe(original.slice(16, 21));
  const html = String(<Marked text={redacted} spans={spans} />);
  expect(html).toContain(
    '<mark title="panik" data-tag="panik">baraj<span class="sr-only"> [panik]</span></mark>',
  );
});
