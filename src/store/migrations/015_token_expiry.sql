-- API tokens may expire: NULL = never. An expired token is refused like a revoked one.
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
