-- The content generation: a counter every change of content advances, in the
-- same transaction, whoever makes it (the portal, portalctl, an operator's
-- SQL). Each request reads it with its session; the workers' caches of page
-- data (cgi/cache.h) are good only while it stays the same.
-- The triggers cover every table a cached statement reads (sql.c, CACHED).

CREATE TABLE content_generation (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  n BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB;
INSERT INTO content_generation (id, n) VALUES (1, 1);

CREATE TRIGGER tg_areas_ins AFTER INSERT ON areas FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_areas_upd AFTER UPDATE ON areas FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_areas_del AFTER DELETE ON areas FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_sections_ins AFTER INSERT ON sections FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_sections_upd AFTER UPDATE ON sections FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_sections_del AFTER DELETE ON sections FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_commitments_ins AFTER INSERT ON commitments FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_commitments_upd AFTER UPDATE ON commitments FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_commitments_del AFTER DELETE ON commitments FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_commitment_notes_ins AFTER INSERT ON commitment_notes FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_commitment_notes_upd AFTER UPDATE ON commitment_notes FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_commitment_notes_del AFTER DELETE ON commitment_notes FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_proposals_ins AFTER INSERT ON proposals FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_proposals_upd AFTER UPDATE ON proposals FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_proposals_del AFTER DELETE ON proposals FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_councils_ins AFTER INSERT ON councils FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_councils_upd AFTER UPDATE ON councils FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_councils_del AFTER DELETE ON councils FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_council_snapshots_ins AFTER INSERT ON council_snapshots FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_council_snapshots_upd AFTER UPDATE ON council_snapshots FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_council_snapshots_del AFTER DELETE ON council_snapshots FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_accounts_ins AFTER INSERT ON accounts FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_accounts_upd AFTER UPDATE ON accounts FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_accounts_del AFTER DELETE ON accounts FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_revisions_ins AFTER INSERT ON revisions FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_revisions_upd AFTER UPDATE ON revisions FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
CREATE TRIGGER tg_revisions_del AFTER DELETE ON revisions FOR EACH ROW
  UPDATE content_generation SET n = n + 1 WHERE id = 1;
