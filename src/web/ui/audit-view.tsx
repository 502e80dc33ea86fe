import { label, type MsgKey } from './i18n.js';
import type { ViewCtx } from './layout.js';

/** What an audit entry shows: its action, target and details (never raw codes or JSON). */
export interface AuditLike {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An audit action in words ("Durumu değiştirdi"); an action without a text shows as a plain phrase. */
export function auditAction(v: ViewCtx, action: string): string {
  const key = `audit.act.${action}`;
  if (v.t.has(key)) return v.t(key as MsgKey);
  const [head] = action.split('.');
  return v.t.has(`audit.act.${head}.*`) ? v.t(`audit.act.${head}.*` as MsgKey) : action.replace(/[._]/g, ' ');
}

/** Where an entry's target can be opened, by target type. */
const targetHref: Record<string, (id: string) => string> = {
  item: (id) => `/items/${id}`,
  claim: (id) => `/claims/${encodeURIComponent(id)}`,
  response: (id) => `/drafts/${id}`,
  alert: () => '/alerts',
  source: () => '/admin/sources',
};

/** The target of an entry: its kind in words, and a link to it where one exists. */
export function AuditTarget({ v, e }: { v: ViewCtx; e: AuditLike }) {
  if (!e.targetType) return null;
  const kind = label(v.t, 'audit.target', e.targetType);
  const href = e.targetId ? targetHref[e.targetType]?.(e.targetId) : undefined;
  return href ? <a href={href}>{kind}</a> : <>{kind}</>;
}

const LABELLED: Record<string, string> = {
  status: 'status',
  verdict: 'verdict',
  role: 'role',
  kind: 'audit.kind',
  action: 'audit.act',
  decision: 'audit.decision',
};

function value(v: ViewCtx, key: string, x: unknown): string | null {
  if (x === null || x === undefined || x === '') return null;
  if (typeof x === 'boolean') return v.t(x ? 'audit.yes' : 'audit.no');
  if (typeof x === 'number')
    return key === 'score'
      ? `${Math.round(x * 100)}%`
      : x.toLocaleString(v.lang === 'en' ? 'en-GB' : 'tr-TR');
  if (Array.isArray(x)) {
    const parts = x.map((y) => value(v, key, y)).filter((y): y is string => !!y);
    return parts.length ? parts.join(', ') : null;
  }
  if (typeof x === 'object') return null;
  const s = String(x);
  if (UUID.test(s)) return null; // internal ids: the target link leads there
  if (key === 'action') return auditAction(v, s);
  const prefix = LABELLED[key];
  return prefix ? label(v.t, prefix, s) : s;
}

/** An entry's details as "Field: value" pairs in the page language; ids and nested data are left out. */
export function AuditDetails({ v, e }: { v: ViewCtx; e: AuditLike }) {
  const pairs = Object.entries(e.details ?? {}).flatMap(([k, x]) => {
    if (/Id$|^id$/.test(k) && typeof x === 'string' && k !== 'claimId') return [];
    const shown = k === 'claimId' && typeof x === 'string' ? null : value(v, k, x);
    if (k === 'claimId' && typeof x === 'string')
      return [
        <>
          {v.t('audit.field.claimId')}: <a href={`/claims/${encodeURIComponent(x)}`}>{v.t('audit.open')}</a>
        </>,
      ];
    if (shown === null) return [];
    const name = v.t.has(`audit.field.${k}`) ? v.t(`audit.field.${k}` as MsgKey) : k;
    return [<>{`${name}: ${shown}`}</>];
  });
  if (pairs.length === 0) return null;
  return (
    <span class="audit-details">
      {pairs.map((p, i) => (
        <>
          {i ? '; ' : ''}
          {p}
        </>
      ))}
    </span>
  );
}
