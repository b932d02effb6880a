-- Accounts, server-side sessions, login throttling and the audit log.

CREATE TABLE accounts (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  login VARCHAR(64) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  side ENUM('EU', 'KR') NOT NULL,
  role ENUM('viewer', 'editor', 'cochair', 'admin') NOT NULL,
  password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- crypto_pwhash_str, whole
  disabled TINYINT(1) NOT NULL DEFAULT 0,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_accounts_login (login)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Only a BLAKE2b hash of the cookie's token is stored: a copy of this table
-- does not let anyone take over a session.
CREATE TABLE sessions (
  token_hash BINARY(32) NOT NULL PRIMARY KEY,
  account_id INT UNSIGNED NOT NULL,
  csrf_token CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at DATETIME(6) NOT NULL,
  last_used_at DATETIME(6) NOT NULL,
  client_addr VARCHAR(64) CHARACTER SET ascii NOT NULL,
  KEY ix_sessions_account (account_id),
  CONSTRAINT fk_sessions_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;

-- Failed logins per login name ('account', whether or not it exists) and per
-- client address ('addr'); see README "Logins and sessions".
CREATE TABLE login_throttle (
  kind ENUM('account', 'addr') NOT NULL,
  k VARCHAR(64) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  failures INT UNSIGNED NOT NULL,
  window_start DATETIME(6) NOT NULL,
  locked_until DATETIME(6) NULL,
  PRIMARY KEY (kind, k)
) ENGINE=InnoDB;

-- Append-only (the application's account may only INSERT), and hash-chained:
-- hash = BLAKE2b-256(prev_hash, fields) with seq taken from chain_heads under a
-- row lock, so `portalctl verify` finds any row changed or removed afterwards.
CREATE TABLE audit_log (
  seq BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  at DATETIME(6) NOT NULL,
  account_id INT UNSIGNED NULL,
  login VARCHAR(64) CHARACTER SET ascii NULL,       -- as typed, for failed logins too
  side ENUM('EU', 'KR') NULL,
  action VARCHAR(40) CHARACTER SET ascii NOT NULL,
  detail TEXT NOT NULL,
  client_addr VARCHAR(64) CHARACTER SET ascii NOT NULL,
  prev_hash BINARY(32) NOT NULL,
  hash BINARY(32) NOT NULL,
  KEY ix_audit_account (account_id, seq),
  KEY ix_audit_action (action, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE chain_heads (
  chain ENUM('audit', 'revisions') NOT NULL PRIMARY KEY,
  seq BIGINT UNSIGNED NOT NULL,
  hash BINARY(32) NOT NULL
) ENGINE=InnoDB;

INSERT INTO chain_heads (chain, seq, hash) VALUES
  ('audit', 0, REPEAT(CHAR(0), 32)),
  ('revisions', 0, REPEAT(CHAR(0), 32));

-- Who changed a commitment last (shown in the register).
ALTER TABLE commitments
  ADD COLUMN updated_by INT UNSIGNED NULL AFTER updated_at,
  ADD CONSTRAINT fk_commitments_updated_by FOREIGN KEY (updated_by) REFERENCES accounts (id);
ALTER TABLE sections
  ADD COLUMN updated_by INT UNSIGNED NULL AFTER updated_at,
  ADD CONSTRAINT fk_sections_updated_by FOREIGN KEY (updated_by) REFERENCES accounts (id);
