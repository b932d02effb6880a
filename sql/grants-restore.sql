-- The restore account: `portalctl restore` loads a backup's dump with it
-- (restore_db_config), never as root. It may change the portal's tables and
-- nothing else: no other database, no accounts or grants, no files, no
-- routines. A restored database's triggers run as it (the dump's DEFINER
-- clauses are removed on loading: cgi/ops/dumpscan.h), so it must be kept.
-- Re-applied, after revoking everything, whenever tools/stack.sh or setup.sh runs.
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'portal_restore'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, REFERENCES, LOCK TABLES, TRIGGER
  ON portal.* TO 'portal_restore'@'localhost';
