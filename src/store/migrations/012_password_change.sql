-- A password someone else chose or the system printed (first admin, admin-set,
-- reset from the command line) must be changed at the next login.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
