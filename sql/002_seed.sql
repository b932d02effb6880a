-- The Council text of 30 June 2023 (../shared/partnership-council.txt): eight
-- areas, sixteen commitments, two councils. EU and Korean sections start empty.
-- The Council text names no lead for a commitment ("Parties agreed"): the lead
-- sides below other than "joint" are demonstration assignments, to be
-- confirmed by the co-chairs.

INSERT INTO areas (id, slug, title) VALUES
  (1, 'semiconductors', 'Cooperation in semiconductors'),
  (2, 'hpc', 'Collaboration in High-Performance Computing'),
  (3, 'quantum', 'Advancing quantum technologies'),
  (4, '6g', 'Defining a common vision for 6G'),
  (5, 'platforms', 'Harmonising online & digital platforms'),
  (6, 'trustworthy-ai', 'Promoting trustworthy AI'),
  (7, 'cybersecurity', 'Strengthening cybersecurity cooperation'),
  (8, 'future-collaboration', 'Future collaboration and review');

INSERT INTO sections (area_id, side, body, updated_at)
SELECT id, 'joint', CONCAT('Agreed at the first Digital Partnership Council, Seoul, 30 June 2023: **',
  title, '**. Progress on the commitments below is reviewed at the next Council, Brussels, early 2024.'),
  '2023-06-30 00:00:00'
FROM areas;

INSERT INTO sections (area_id, side, body)
SELECT id, 'eu', '' FROM areas UNION ALL SELECT id, 'kr', '' FROM areas;

INSERT INTO commitments (area_id, number, body, lead_side, target) VALUES
  (1, 1, 'Establish a ROK-EU Forum for Semiconductor Researchers to promote research in complementary areas.', 'KR', 'Council, Brussels, early 2024'),
  (1, 2, 'Explore research collaboration under the Chips Joint Undertaking on the EU side and next-generation semiconductor R&D project on the Korean side.', 'joint', 'Council, Brussels, early 2024'),
  (2, 1, 'Facilitate and enable researchers’ access to respective HPC infrastructures.', 'EU', 'Council, Brussels, early 2024'),
  (2, 2, 'Jointly develop applications of societal relevance in areas such as bio-molecular field, extreme weather events forecasting, and materials science.', 'joint', 'Council, Brussels, early 2024'),
  (3, 1, 'Establish a Quantum experts Working Group comprising members from the Republic of Korea and the European Union.', 'joint', 'Council, Brussels, early 2024'),
  (3, 2, 'Advance cooperation in standardisation and research topics like quantum computing, quantum sensing, and quantum communications.', 'joint', 'Council, Brussels, early 2024'),
  (4, 1, 'Aim at a common approach to 6G standardisation.', 'joint', 'Council, Brussels, early 2024'),
  (4, 2, 'Target research cooperation in Radio Access Networks (RAN) and integrated device-network approaches for demonstrating 6G functional properties.', 'KR', 'Council, Brussels, early 2024'),
  (5, 1, 'Create a platform ecosystem that balances innovation, safety, and fairness.', 'joint', 'Council, Brussels, early 2024'),
  (5, 2, 'Cooperate in implementing respective frameworks like the EU platform legislation and the ‘Self-Regulation for Platforms’ in Korea.', 'joint', 'Council, Brussels, early 2024'),
  (6, 1, 'Establish a permanent communication channel to update each side on legislative and non-legislative frameworks for trustworthy AI.', 'EU', 'Council, Brussels, early 2024'),
  (6, 2, 'Foster collaboration on technology developments, foundational models, generative AI, and advance collaborative approaches in international AI standards bodies.', 'joint', 'Council, Brussels, early 2024'),
  (7, 1, 'Enhance information sharing on cybersecurity threats.', 'joint', 'Council, Brussels, early 2024'),
  (7, 2, 'Expand information sharing on cybersecurity policy and explore ways to cooperate.', 'joint', 'Council, Brussels, early 2024'),
  (8, 1, 'Exchange information on the semiconductor supply chain.', 'KR', 'Council, Brussels, early 2024'),
  (8, 2, 'Expand cooperation in secure digital connectivity infrastructure, digital skills, capacity-building, and exchange of best practices on digital start-ups.', 'EU', 'Council, Brussels, early 2024');

INSERT INTO councils (id, city, date_label, meeting_date, held, held_at) VALUES
  (1, 'Seoul', '30 June 2023', '2023-06-30', 1, '2023-06-30 00:00:00'),
  (2, 'Brussels', 'early 2024', NULL, 0, NULL);
