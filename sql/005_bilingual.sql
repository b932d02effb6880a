-- Paired English and Korean texts. Sections and progress notes are held per
-- language, each with its own version; a commitment's agreed text and target
-- have a Korean form beside the English one. When one language's text
-- changes, the other is flagged as possibly out of date (stale_since: the
-- revision that changed it) until it is updated or confirmed.

ALTER TABLE areas ADD COLUMN title_ko VARCHAR(200) NOT NULL DEFAULT '' AFTER title;
ALTER TABLE councils
  ADD COLUMN city_ko VARCHAR(100) NOT NULL DEFAULT '' AFTER city,
  ADD COLUMN date_label_ko VARCHAR(100) NOT NULL DEFAULT '' AFTER date_label;

ALTER TABLE sections
  ADD COLUMN lang ENUM('en', 'ko') NOT NULL DEFAULT 'en' AFTER side,
  ADD COLUMN stale_since BIGINT UNSIGNED NULL AFTER version,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (area_id, side, lang);
INSERT INTO sections (area_id, side, lang, body, version)
  SELECT area_id, side, 'ko', '', 1 FROM sections WHERE lang = 'en';

ALTER TABLE commitments
  ADD COLUMN body_ko TEXT NOT NULL DEFAULT '' AFTER body,
  ADD COLUMN target_ko VARCHAR(200) NOT NULL DEFAULT '' AFTER target,
  ADD COLUMN text_stale ENUM('en', 'ko') NULL AFTER target_ko,
  ADD COLUMN text_stale_since BIGINT UNSIGNED NULL AFTER text_stale;

CREATE TABLE commitment_notes (
  commitment_id INT UNSIGNED NOT NULL,
  side ENUM('eu', 'kr') NOT NULL,
  lang ENUM('en', 'ko') NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  stale_since BIGINT UNSIGNED NULL,
  updated_at DATETIME(6) NULL,
  updated_by INT UNSIGNED NULL,
  PRIMARY KEY (commitment_id, side, lang),
  CONSTRAINT fk_notes_commitment FOREIGN KEY (commitment_id) REFERENCES commitments (id),
  CONSTRAINT fk_notes_account FOREIGN KEY (updated_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

INSERT INTO commitment_notes (commitment_id, side, lang, body, version)
  SELECT id, 'eu', 'en', eu_note, eu_version FROM commitments
  UNION ALL SELECT id, 'kr', 'en', kr_note, kr_version FROM commitments
  UNION ALL SELECT id, 'eu', 'ko', '', 1 FROM commitments
  UNION ALL SELECT id, 'kr', 'ko', '', 1 FROM commitments;

ALTER TABLE commitments
  DROP COLUMN eu_note, DROP COLUMN kr_note, DROP COLUMN eu_version, DROP COLUMN kr_version;

-- A revision's language. A commitment's joint part holds both languages in
-- one text; its revisions say 'en'.
ALTER TABLE revisions
  ADD COLUMN lang ENUM('en', 'ko') NOT NULL DEFAULT 'en' AFTER part,
  DROP INDEX uq_revisions_version,
  ADD UNIQUE KEY uq_revisions_version (area_id, commitment_id, part, lang, version);

-- The interface language an account chose (NULL: from the browser).
ALTER TABLE accounts ADD COLUMN lang ENUM('en', 'ko') NULL AFTER role;

-- The language of a proposed joint section text (commitments' joint parts hold both).
ALTER TABLE proposals ADD COLUMN lang ENUM('en', 'ko') NOT NULL DEFAULT 'en' AFTER kind;
