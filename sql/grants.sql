-- The application's database account gets exactly these rights, re-applied
-- (after revoking everything) each time the stack starts or migrates.
-- The audit log is append-only for the application: INSERT, never UPDATE or DELETE.
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'portal_app'@'localhost';
GRANT SELECT ON portal.* TO 'portal_app'@'localhost';
GRANT INSERT, UPDATE ON portal.accounts TO 'portal_app'@'localhost';
GRANT INSERT, UPDATE, DELETE ON portal.sessions TO 'portal_app'@'localhost';
GRANT INSERT, UPDATE, DELETE ON portal.recovery_codes TO 'portal_app'@'localhost';
GRANT INSERT, UPDATE, DELETE ON portal.login_throttle TO 'portal_app'@'localhost';
GRANT INSERT ON portal.audit_log TO 'portal_app'@'localhost';
GRANT UPDATE ON portal.chain_heads TO 'portal_app'@'localhost';
GRANT UPDATE ON portal.sections TO 'portal_app'@'localhost';
GRANT INSERT, UPDATE ON portal.commitments TO 'portal_app'@'localhost';
GRANT INSERT, UPDATE ON portal.commitment_notes TO 'portal_app'@'localhost';
GRANT INSERT ON portal.revisions TO 'portal_app'@'localhost';
GRANT INSERT, UPDATE ON portal.proposals TO 'portal_app'@'localhost';
GRANT INSERT, DELETE ON portal.form_submissions TO 'portal_app'@'localhost';
GRANT INSERT ON portal.council_snapshots TO 'portal_app'@'localhost';
GRANT INSERT, UPDATE ON portal.councils TO 'portal_app'@'localhost';
