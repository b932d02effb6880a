-- Editing: revisions of every part, joint proposals, submitted-form tokens.
--
-- A "part" is what one side (or both, for joint) owns: an area's joint, EU or
-- KR section (commitment_id = 0), or a commitment's joint fields (text, lead,
-- status, progress, target), EU note or KR note. Each part has a version; a
-- save names the version it was based on and fails on any other.

ALTER TABLE commitments
  ADD COLUMN eu_version INT UNSIGNED NOT NULL DEFAULT 1 AFTER version,
  ADD COLUMN kr_version INT UNSIGNED NOT NULL DEFAULT 1 AFTER eu_version;

-- Immutable, hash-chained ("revisions" chain). Version 1 of a part gets its
-- revision ('original') when the part is first changed.
CREATE TABLE revisions (
  seq BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  area_id TINYINT UNSIGNED NOT NULL,
  commitment_id INT UNSIGNED NOT NULL DEFAULT 0,
  part ENUM('joint', 'eu', 'kr') NOT NULL,
  version INT UNSIGNED NOT NULL,
  content MEDIUMTEXT NOT NULL,
  summary VARCHAR(300) NOT NULL DEFAULT '',
  account_id INT UNSIGNED NULL,
  side ENUM('EU', 'KR') NULL,
  at DATETIME(6) NOT NULL,
  origin ENUM('original', 'edit', 'proposal', 'restore') NOT NULL,
  ref BIGINT UNSIGNED NULL,            -- the proposal applied, or the revision restored
  prev_hash BINARY(32) NOT NULL,
  hash BINARY(32) NOT NULL,
  UNIQUE KEY uq_revisions_version (area_id, commitment_id, part, version),
  KEY ix_revisions_area (area_id, seq),
  CONSTRAINT fk_revisions_area FOREIGN KEY (area_id) REFERENCES areas (id),
  CONSTRAINT fk_revisions_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Changes to joint content wait here for the other side's co-chair.
CREATE TABLE proposals (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  area_id TINYINT UNSIGNED NOT NULL,
  commitment_id INT UNSIGNED NOT NULL DEFAULT 0,   -- 0: the joint section, or a new commitment
  kind ENUM('section', 'commitment', 'new_commitment') NOT NULL,
  base_version INT UNSIGNED NOT NULL,              -- the joint part's version it was made on
  content MEDIUMTEXT NOT NULL,                     -- the part as proposed (commitments: canonical text)
  summary VARCHAR(300) NOT NULL DEFAULT '',
  proposed_by INT UNSIGNED NOT NULL,
  side ENUM('EU', 'KR') NOT NULL,
  proposed_at DATETIME(6) NOT NULL,
  state ENUM('pending', 'approved', 'rejected', 'withdrawn') NOT NULL DEFAULT 'pending',
  decided_by INT UNSIGNED NULL,
  decided_at DATETIME(6) NULL,
  KEY ix_proposals_area (area_id, state),
  CONSTRAINT fk_proposals_area FOREIGN KEY (area_id) REFERENCES areas (id),
  CONSTRAINT fk_proposals_by FOREIGN KEY (proposed_by) REFERENCES accounts (id),
  CONSTRAINT fk_proposals_decided FOREIGN KEY (decided_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Each rendered form carries a random token; a second submission of the
-- same form (double click, browser retry) finds it here and is not saved again.
CREATE TABLE form_submissions (
  token CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  account_id INT UNSIGNED NOT NULL,
  at DATETIME(6) NOT NULL,
  location VARCHAR(300) CHARACTER SET ascii NOT NULL   -- where the first submission led
) ENGINE=InnoDB;
