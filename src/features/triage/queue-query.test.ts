import { describe, expect, it } from 'vitest';
import { buildFilter, buildSort, parseQueueQuery, queueHref } from './queue-query.js';

describe('queue query', () => {
  it('parses repeated params and builds an escaped filter', () => {
    const q = parseQueueQuery(
      new URLSearchParams(
        'q=aşı&status=new&status=in_review&province=İzmir&source=a"b&flagged=true&from=2026-01-02',
      ),
    );
    expect(q.status).toEqual(['new', 'in_review']);
    expect(buildFilter(q)).toEqual([
      'status IN ["new", "in_review"]',
      'source IN ["a\\"b"]',
      'province IN ["İzmir"]',
      'flagged = true',
      `occurredAt >= ${Date.UTC(2026, 0, 2) / 1000}`,
    ]);
    expect(buildSort(q)[0]).toBe('risk:desc');
  });

  it('falls back to defaults on garbage and round-trips hrefs', () => {
    expect(parseQueueQuery(new URLSearchParams('page=-3&sort=evil')).page).toBe(1);
    const q = parseQueueQuery(new URLSearchParams('q=baraj&tags=acil&sort=recent'));
    expect(queueHref(q, { page: 2 })).toBe('/queue?q=baraj&tags=acil&sort=recent&page=2');
  });

  it('keeps the page language apart from the items-language filter', () => {
    const q = parseQueueQuery(new URLSearchParams('lang=en&itemLang=tr&q=aşı'));
    expect(q.lang).toEqual(['tr']);
    expect(buildFilter(q)).toEqual(['lang IN ["tr"]']);
    expect(queueHref(q)).toBe('/queue?q=a%C5%9F%C4%B1&itemLang=tr');
    expect(buildFilter(parseQueueQuery(new URLSearchParams('lang=en')))).toEqual([]);
  });

  it('sorts by check-worthiness, most check-worthy first', () => {
    const q = parseQueueQuery(new URLSearchParams('sort=checkworthy'));
    expect(buildSort(q)).toEqual(['checkWorthiness:desc', 'createdAt:desc']);
    expect(queueHref(q)).toBe('/queue?sort=checkworthy');
  });
});
