-- Erasure of applicants' personal data (KVKK): the anonymised record stays for statistics.
ALTER TABLE items ADD COLUMN erased_at timestamptz;
CREATE INDEX applicants_email_idx ON applicants (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX applicants_phone_idx ON applicants (phone) WHERE phone IS NOT NULL;
