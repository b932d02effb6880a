-- Council snapshots: when a council is marked held, the register as it stood
-- is copied here and never changed (the application may only insert).

CREATE TABLE council_snapshots (
  council_id TINYINT UNSIGNED NOT NULL,
  commitment_id INT UNSIGNED NOT NULL,
  area_id TINYINT UNSIGNED NOT NULL,
  area_slug VARCHAR(40) CHARACTER SET ascii NOT NULL,
  area_title VARCHAR(200) NOT NULL,
  area_title_ko VARCHAR(200) NOT NULL,
  number SMALLINT UNSIGNED NOT NULL,
  body TEXT NOT NULL,
  body_ko TEXT NOT NULL,
  lead_side ENUM('EU', 'KR', 'joint') NOT NULL,
  status ENUM('planned', 'in progress', 'done', 'dropped') NOT NULL,
  progress TINYINT UNSIGNED NOT NULL,
  target VARCHAR(200) NOT NULL,
  target_ko VARCHAR(200) NOT NULL,
  eu_note_en TEXT NOT NULL,
  eu_note_ko TEXT NOT NULL,
  kr_note_en TEXT NOT NULL,
  kr_note_ko TEXT NOT NULL,
  updated_at DATETIME(6) NULL,
  updated_by_name VARCHAR(100) NULL,
  updated_side ENUM('EU', 'KR') NULL,
  PRIMARY KEY (council_id, commitment_id),
  KEY ix_snapshots_order (council_id, area_id, number),
  CONSTRAINT fk_snapshots_council FOREIGN KEY (council_id) REFERENCES councils (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- The first Council (Seoul, 30 June 2023) was held when the register was the
-- Council text itself: its snapshot is the register as seeded.
INSERT INTO council_snapshots
SELECT h.id, c.id, a.id, a.slug, a.title, a.title_ko, c.number, c.body, c.body_ko, c.lead_side, c.status,
       c.progress, c.target, c.target_ko,
       COALESCE(MAX(CASE WHEN n.side = 'eu' AND n.lang = 'en' THEN n.body END), ''),
       COALESCE(MAX(CASE WHEN n.side = 'eu' AND n.lang = 'ko' THEN n.body END), ''),
       COALESCE(MAX(CASE WHEN n.side = 'kr' AND n.lang = 'en' THEN n.body END), ''),
       COALESCE(MAX(CASE WHEN n.side = 'kr' AND n.lang = 'ko' THEN n.body END), ''),
       NULL, NULL, NULL
FROM councils h
JOIN commitments c ON c.id <= 16
JOIN areas a ON a.id = c.area_id
LEFT JOIN commitment_notes n ON n.commitment_id = c.id
WHERE h.id = 1 AND h.held = 1
GROUP BY h.id, c.id;
