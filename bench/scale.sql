-- The scale set of `make bench`, on top of the Council's seed: 1,000 accounts,
-- 10,000 more commitments (all in area 8, "future collaboration", so the other
-- area pages keep their size while the register, the history and the accounts
-- grow), each with both sides' notes in both languages, and 100,000 revisions
-- of those notes.
-- For benchmarking only: the revisions carry no valid hash chain (the chain
-- head is moved past them, so new saves still chain on), so `portalctl
-- verify` fails on a benchmark database by design.

INSERT INTO accounts (login, display_name, side, role, password_hash, created_at, updated_at)
SELECT CONCAT('bench-', seq), CONCAT('Bench participant ', seq), ELT(1 + seq % 2, 'EU', 'KR'),
       ELT(1 + seq % 4, 'viewer', 'editor', 'cochair', 'admin'),
       (SELECT password_hash FROM accounts WHERE login = 'eu-viewer'), NOW(6), NOW(6)
FROM seq_1_to_1000;

INSERT INTO commitments (area_id, number, body, body_ko, lead_side, status, progress, target, target_ko)
SELECT 8, 99 + seq,
       CONCAT('Benchmark commitment ', seq, ': joint work on standards, pilots and exchanges of experts.'),
       CONCAT('벤치마크 약속 ', seq, ': 표준, 시범 사업 및 전문가 교류에 관한 공동 작업.'),
       ELT(1 + seq % 3, 'EU', 'KR', 'joint'), ELT(1 + seq % 4, 'planned', 'in progress', 'done', 'dropped'),
       seq % 101, 'Next Council', '다음 협의회'
FROM seq_1_to_10000;

INSERT INTO commitment_notes (commitment_id, side, lang, body)
SELECT c.id, s.side, l.lang, CONCAT('Progress note on commitment ', c.id, ' by the ', s.side, ' side.')
FROM commitments c
JOIN (SELECT 'eu' AS side UNION ALL SELECT 'kr') s
JOIN (SELECT 'en' AS lang UNION ALL SELECT 'ko') l
WHERE c.number >= 100;

CREATE TEMPORARY TABLE bench_commitments (n INT PRIMARY KEY, id INT UNSIGNED, area_id TINYINT UNSIGNED);
INSERT INTO bench_commitments
SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id, area_id FROM commitments WHERE number >= 100;

SET @head = (SELECT seq FROM chain_heads WHERE chain = 'revisions');
INSERT INTO revisions (seq, area_id, commitment_id, part, lang, version, content, summary, account_id, side, at,
                       origin, ref, prev_hash, hash)
SELECT @head + 1 + r.seq, b.area_id, b.id, ELT(1 + (r.seq DIV 10000) % 2, 'eu', 'kr'), 'en',
       1 + (r.seq DIV 10000) DIV 2, CONCAT('Progress note, version ', 1 + (r.seq DIV 10000) DIV 2, '.'),
       'benchmark history', NULL, ELT(1 + (r.seq DIV 10000) % 2, 'EU', 'KR'), NOW(6), 'edit', NULL,
       REPEAT(CHAR(0), 32), REPEAT(CHAR(0), 32)
FROM seq_0_to_99999 r JOIN bench_commitments b ON b.n = r.seq % 10000;
UPDATE chain_heads SET seq = @head + 100000 WHERE chain = 'revisions';
