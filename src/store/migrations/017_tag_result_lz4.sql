-- A tag result is about 2 KB of JSON, around the size at which PostgreSQL compresses a row's
-- values: with the default method (pglz) every tag stage write paid a slow compression and every
-- read a decompression. LZ4 is several times cheaper both ways. A server built without LZ4
-- support (some embedded builds) keeps its default.
DO $$
BEGIN
  ALTER TABLE tag_results ALTER COLUMN result SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
  NULL;
END
$$;
