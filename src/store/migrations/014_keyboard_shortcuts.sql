-- Per-user keyboard shortcuts (WCAG 2.1.4): NULL = on with the default keys;
-- otherwise {"enabled": bool, "keys": {action: key}} with the keys that differ.
ALTER TABLE users ADD COLUMN shortcuts jsonb;
