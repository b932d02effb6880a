-- The partnership's content: areas, their three sections, commitments, councils.
-- utf8mb4 throughout; InnoDB for transactions and foreign keys.

CREATE TABLE areas (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,         -- position in the Council text, 1..8
  slug VARCHAR(40) CHARACTER SET ascii NOT NULL,
  title VARCHAR(200) NOT NULL,
  UNIQUE KEY uq_areas_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- joint: agreed by both co-chairs; eu / kr: each side's own text. CommonMark.
CREATE TABLE sections (
  area_id TINYINT UNSIGNED NOT NULL,
  side ENUM('joint', 'eu', 'kr') NOT NULL,
  body MEDIUMTEXT NOT NULL,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  updated_at DATETIME(6) NULL,
  PRIMARY KEY (area_id, side),
  CONSTRAINT fk_sections_area FOREIGN KEY (area_id) REFERENCES areas (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE commitments (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  area_id TINYINT UNSIGNED NOT NULL,
  number SMALLINT UNSIGNED NOT NULL,                -- within the area: 2 in "4.2"
  body TEXT NOT NULL,                               -- the agreed wording
  lead_side ENUM('EU', 'KR', 'joint') NOT NULL,
  status ENUM('planned', 'in progress', 'done', 'dropped') NOT NULL DEFAULT 'planned',
  progress TINYINT UNSIGNED NOT NULL DEFAULT 0,
  target VARCHAR(200) NOT NULL DEFAULT '',
  eu_note TEXT NOT NULL DEFAULT '',
  kr_note TEXT NOT NULL DEFAULT '',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  updated_at DATETIME(6) NULL,
  UNIQUE KEY uq_commitments_number (area_id, number),
  CONSTRAINT fk_commitments_area FOREIGN KEY (area_id) REFERENCES areas (id),
  CONSTRAINT ck_commitments_progress CHECK (progress <= 100)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE councils (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,         -- 1st, 2nd, ... Council
  city VARCHAR(100) NOT NULL,
  date_label VARCHAR(100) NOT NULL,                 -- as announced: "30 June 2023", "early 2024"
  meeting_date DATE NULL,                           -- once known
  held TINYINT(1) NOT NULL DEFAULT 0,
  held_at DATETIME(6) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
