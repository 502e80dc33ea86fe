import { label } from '../../web/ui/i18n.js';
import type { ViewCtx } from '../../web/ui/layout.js';

/** A date and time in Istanbul time, in the page's language. */
export const when = (v: ViewCtx, iso: string | null | undefined) => (iso ? v.when(iso) : v.t('claims.never'));

/** A channel's label (platform or source name; known ones translated). */
export const channelLabel = (v: ViewCtx, key: string) => label(v.t, 'claims.channel', key);

/** A verdict's label, or a dash. */
export const verdictLabel = (v: ViewCtx, verdict: string | null | undefined) =>
  verdict ? label(v.t, 'verdict', verdict) : '—';
