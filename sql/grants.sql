-- The application's database account gets exactly these rights, re-applied
-- (after revoking everything) each time the stack starts or migrates.
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'portal_app'@'localhost';
GRANT SELECT ON portal.* TO 'portal_app'@'localhost';
