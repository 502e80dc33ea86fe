/**
 * An item's subject as staff may see it: the tag stage's redacted form (null until the item is
 * tagged). `i` names the items row; the original subject is shown only after an audited unmask.
 */
export const redactedSubjectSql = (i: string) =>
  `(SELECT rs.result ->> 'redactedSubject' FROM tag_results rs WHERE rs.item_id = ${i}.id)`;

// One JSON parameter expanded server-side: a single round trip per batch, and the same
// encoding on pg and PGlite (no driver-specific array serialisation).
/** Inserts a JSON array of item rows; a known key bumps duplicate_count and returns the existing id. */
export const insertItemsSql = `
  INSERT INTO items AS it (id, kind, idempotency_key, source, external_id, text, app_type, subject, url, author,
    lang, province, occurred_at, extra, duplicate_count)
  SELECT x.id, x.kind, x.idempotency_key, x.source, x.external_id, x.text, x.app_type, x.subject, x.url, x.author,
    x.lang, x.province, x.occurred_at, COALESCE(x.extra, '{}'::jsonb), x.dups
  FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, kind text, idempotency_key text, source text, external_id text,
    text text, app_type text, subject text, url text, author text, lang text, province text,
    occurred_at timestamptz, extra jsonb, dups integer)
  ON CONFLICT (idempotency_key) DO UPDATE
    SET duplicate_count = it.duplicate_count + 1 + EXCLUDED.duplicate_count, updated_at = now()
  RETURNING id, idempotency_key`;

/** Inserts a JSON array of applicant rows. */
export const insertApplicantsSql = `
  INSERT INTO applicants (item_id, name, tckn, phone, email, address)
  SELECT x.item_id, x.name, x.tckn, x.phone, x.email, x.address
  FROM jsonb_to_recordset($1::jsonb) AS x(item_id uuid, name text, tckn text, phone text, email text, address text)
  ON CONFLICT (item_id) DO NOTHING`;

/** Upserts a JSON array of `{id, result}` into tag_results, with the columns used for filtering. */
/**
 * Automatic claim links mirror the matcher's confident matches: `$1` the items
 * just tagged, `$2`/`$3`/`$4` their confident (item, claim, score) pairs. A new
 * pair becomes an `automatic` link, an automatic link that is no longer
 * confident goes away, and a person's decision (confirmed, rejected) is never
 * touched. Claims unknown to the library are skipped.
 */
export const syncAutomaticLinksSql = `
  WITH conf AS (
    SELECT c.item_id, c.claim_id, c.score
    FROM unnest($2::uuid[], $3::text[], $4::float8[]) AS c(item_id, claim_id, score)
    JOIN known_claims k ON k.id = c.claim_id),
  gone AS (
    DELETE FROM claim_links l
    WHERE l.item_id = ANY($1::uuid[]) AND l.kind = 'automatic'
      AND NOT EXISTS (SELECT 1 FROM conf WHERE conf.item_id = l.item_id AND conf.claim_id = l.claim_id))
  INSERT INTO claim_links (item_id, claim_id, kind, score)
  SELECT item_id, claim_id, 'automatic', score FROM conf
  ON CONFLICT (item_id, claim_id) DO NOTHING`;

export const saveTagsSql = `
  INSERT INTO tag_results (item_id, result, lang, check_worthiness, risk, flagged, cluster_key, tagged_at)
  SELECT x.id, x.result, x.result->>'lang', (x.result->>'checkWorthiness')::double precision,
    (x.result->>'risk')::double precision, (x.result->>'flagged')::boolean, x.result->>'clusterKey', now()
  FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, result jsonb)
  ON CONFLICT (item_id) DO UPDATE SET result = EXCLUDED.result, lang = EXCLUDED.lang,
    check_worthiness = EXCLUDED.check_worthiness, risk = EXCLUDED.risk, flagged = EXCLUDED.flagged,
    cluster_key = EXCLUDED.cluster_key, tagged_at = now()`;
