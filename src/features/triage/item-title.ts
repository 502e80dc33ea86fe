import type { TagResult } from '../../domain/item.js';
import type { ViewCtx } from '../../web/ui/layout.js';

/** The fields of an item its title is built from. */
export interface TitledItem {
  subject: string | null;
  source: string;
  occurredAt: string | null;
  createdAt: string;
  tagResult: (Pick<TagResult, 'redactedText'> & { redactedSubject?: string | null }) | null;
}

/** The text cut at a word boundary to at most `max` characters, with "…" when cut. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.!?-]+$/, '')}…`;
}

/**
 * What names an item to a person (page title and heading): an application's
 * subject, else the start of its redacted text, with its source and day so that
 * repeats of one text stay apart. Built from the redacted text only, so personal
 * data never reaches a title (or the browser history); an item not tagged yet has
 * no redacted text and is called "Kayıt / Item" instead.
 */
export function itemTitle(v: Pick<ViewCtx, 't' | 'day'>, item: TitledItem, max = 70): string {
  // The subject as redacted by the tag stage (it may hold a TCKN or a phone number).
  const subject = item.subject?.trim() ? item.tagResult?.redactedSubject?.trim() : undefined;
  const head = subject
    ? excerpt(subject, max)
    : item.tagResult?.redactedText.trim()
      ? `“${excerpt(item.tagResult.redactedText, max)}”`
      : v.t('item.title');
  return `${head} · ${item.source} · ${v.day(item.occurredAt ?? item.createdAt)}`;
}
