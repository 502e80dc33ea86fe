#!/bin/sh
# Köprü's two database roles (docs/OPERATIONS.md, "Database roles"):
#   owner (KOPRU_OWNER_ROLE, default kopru_owner): owns the database, the schema and every table;
#     `npm run migrate` connects as it (DATABASE_OWNER_URL). Nothing else does.
#   app (KOPRU_APP_ROLE, default kopru_app): what web and workers connect as (DATABASE_URL); owns
#     nothing, may not create objects, and is granted by the migrations only the rights it needs
#     (on audit_log: SELECT and INSERT, so it can neither rewrite nor unguard the audit trail).
# The postgres image runs it once as the superuser when its volume is first initialised
# (/docker-entrypoint-initdb.d). It is idempotent: on an existing installation, run it by hand
# with the superuser it was initialised with (it then hands the existing tables to the owner):
#   docker compose exec -e POSTGRES_USER=kopru postgres sh /docker-entrypoint-initdb.d/10-kopru-roles.sh
set -eu
: "${KOPRU_OWNER_PASSWORD:?set KOPRU_OWNER_PASSWORD}"
: "${KOPRU_APP_PASSWORD:?set KOPRU_APP_PASSWORD}"

psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet \
  --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-kopru}" \
  -v db="${POSTGRES_DB:-kopru}" \
  -v owner_role="${KOPRU_OWNER_ROLE:-kopru_owner}" -v owner_pw="$KOPRU_OWNER_PASSWORD" \
  -v app_role="${KOPRU_APP_ROLE:-kopru_app}" -v app_pw="$KOPRU_APP_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I', r) FROM (VALUES (:'owner_role'), (:'app_role')) v(r)
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec
-- Neither is a superuser or may create roles or databases; the app role is no member of the owner.
ALTER ROLE :"owner_role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'owner_pw';
ALTER ROLE :"app_role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'app_pw';
REVOKE :"owner_role" FROM :"app_role";

ALTER DATABASE :"db" OWNER TO :"owner_role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"app_role";
ALTER SCHEMA public OWNER TO :"owner_role";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- An existing installation: tables (with their indexes and sequences) and functions made by the
-- role the app used to connect as now belong to the owner. The next `npm run migrate` grants the app role.
SELECT format('ALTER TABLE public.%I OWNER TO %I', c.relname, :'owner_role')
  FROM pg_class c
 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
   AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = :'owner_role') \gexec
SELECT format('ALTER FUNCTION %s OWNER TO %I', p.oid::regprocedure, :'owner_role')
  FROM pg_proc p
 WHERE p.pronamespace = 'public'::regnamespace
   AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = :'owner_role') \gexec
SQL
