import type { Child } from 'hono/jsx';

/**
 * A table's own scroll region. On a narrow screen (or at 400 % zoom) a table
 * too wide for it scrolls sideways inside this region instead of widening the
 * page (WCAG 1.4.10). The region is named, so a screen reader says what it
 * holds, and focusable, so it can be scrolled from the keyboard; the page
 * script takes it out of the tab order while it has nothing to scroll.
 */
export const TableRegion = ({ label, children }: { label: string; children?: Child }) => (
  <section class="table-scroll" aria-label={label} tabindex={0}>
    {children}
  </section>
);
