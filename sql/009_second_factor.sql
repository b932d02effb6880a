-- A second factor for every account (docs/design.md, "Second factor"): an
-- authenticator app (TOTP, RFC 6238) with ten single-use recovery codes, and
-- logins that are half done until the code is given.

-- The TOTP secret is stored sealed (libsodium secretbox) with the key of
-- mfa_key_file, which is not in the database. totp_last_counter is the last
-- time step accepted: a code of that step or an earlier one is refused (no
-- replay).
ALTER TABLE accounts
  ADD COLUMN totp_secret VARBINARY(128) NULL AFTER password_hash,
  ADD COLUMN totp_last_counter BIGINT UNSIGNED NULL AFTER totp_secret,
  ADD COLUMN totp_enrolled_at DATETIME(6) NULL AFTER totp_last_counter;

-- Recovery codes, each a keyed BLAKE2b hash (mfa_key_file), usable once.
CREATE TABLE recovery_codes (
  account_id INT UNSIGNED NOT NULL,
  code_hash BINARY(32) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  used_at DATETIME(6) NULL,
  PRIMARY KEY (account_id, code_hash),
  CONSTRAINT fk_recovery_codes_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;

-- A session is whole ('full') or a login half done: the password was right
-- and the code is awaited ('code'), the account enrols its app ('enrol'), or
-- its new recovery codes await confirmation ('codes'). A half-done login
-- reaches no page but its own and ends after five minutes. pending holds,
-- sealed, a secret being enrolled or recovery codes not yet confirmed.
ALTER TABLE sessions
  ADD COLUMN stage ENUM('full', 'code', 'enrol', 'codes') NOT NULL DEFAULT 'full' AFTER csrf_token,
  ADD COLUMN pending VARBINARY(512) NULL AFTER stage;
