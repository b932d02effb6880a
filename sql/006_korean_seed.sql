-- The Council text in Korean (translated for the portal; the agreed wording is the English).
-- The Korean sections start empty like the English ones, except the joint summaries.

UPDATE areas SET title_ko = '반도체 협력' WHERE id = 1;
UPDATE areas SET title_ko = '고성능 컴퓨팅(HPC) 협력' WHERE id = 2;
UPDATE areas SET title_ko = '양자 기술 발전 촉진' WHERE id = 3;
UPDATE areas SET title_ko = '6G 공동 비전 정립' WHERE id = 4;
UPDATE areas SET title_ko = '온라인·디지털 플랫폼 조화' WHERE id = 5;
UPDATE areas SET title_ko = '신뢰할 수 있는 AI 증진' WHERE id = 6;
UPDATE areas SET title_ko = '사이버보안 협력 강화' WHERE id = 7;
UPDATE areas SET title_ko = '향후 협력 및 점검' WHERE id = 8;

UPDATE commitments SET body_ko = '상호 보완적 분야의 연구 촉진을 위한 ‘한-EU 반도체 연구자 포럼’ 신설', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 1 AND number = 1;
UPDATE commitments SET body_ko = 'EU 측 반도체 공동사업단(Chips JU)과 한국 측 차세대 반도체 연구개발 사업을 통한 연구 협력 모색', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 1 AND number = 2;
UPDATE commitments SET body_ko = '양측 HPC 인프라에 대한 연구자의 접근 촉진 및 지원', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 2 AND number = 1;
UPDATE commitments SET body_ko = '생체분자 분야, 극한 기상 현상 예측, 재료과학 등의 분야에서 사회적으로 의미 있는 응용 프로그램 공동 개발', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 2 AND number = 2;
UPDATE commitments SET body_ko = '대한민국과 유럽연합 측 위원으로 구성된 양자 전문가 작업반 설치', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 3 AND number = 1;
UPDATE commitments SET body_ko = '양자 컴퓨팅, 양자 센싱, 양자 통신 등 표준화 및 연구 주제에 관한 협력 증진', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 3 AND number = 2;
UPDATE commitments SET body_ko = '6G 표준화에 관한 공동 접근 방식 마련 추진', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 4 AND number = 1;
UPDATE commitments SET body_ko = '6G 기능적 특성 실증을 위한 무선접속망(RAN) 및 단말-네트워크 통합 접근 방식 분야의 연구 협력 중점 추진', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 4 AND number = 2;
UPDATE commitments SET body_ko = '혁신·안전·공정성 간 균형을 이루는 플랫폼 생태계 조성', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 5 AND number = 1;
UPDATE commitments SET body_ko = 'EU 플랫폼 법제 및 한국의 ‘플랫폼 자율규제’ 등 양측 제도의 이행 관련 협력', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 5 AND number = 2;
UPDATE commitments SET body_ko = '신뢰할 수 있는 AI를 위한 입법·비입법 제도에 관한 최신 정보를 상호 공유하는 상설 소통 채널 구축', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 6 AND number = 1;
UPDATE commitments SET body_ko = '기술 발전, 파운데이션 모델, 생성형 AI 분야 협력 촉진 및 국제 AI 표준화 기구 내 협력적 접근 증진', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 6 AND number = 2;
UPDATE commitments SET body_ko = '사이버보안 위협에 관한 정보 공유 강화', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 7 AND number = 1;
UPDATE commitments SET body_ko = '사이버보안 정책에 관한 정보 공유 확대 및 협력 방안 모색', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 7 AND number = 2;
UPDATE commitments SET body_ko = '반도체 공급망에 관한 정보 교환', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 8 AND number = 1;
UPDATE commitments SET body_ko = '안전한 디지털 연결 인프라, 디지털 역량, 역량 강화 분야 협력 및 디지털 스타트업 모범 사례 교류 확대', target_ko = '협의회(브뤼셀, 2024년 초)' WHERE area_id = 8 AND number = 2;

UPDATE sections SET body = '2023년 6월 30일 서울에서 개최된 제1차 한-EU 디지털 파트너십 협의회 합의 사항: **반도체 협력**. 아래 이행 과제의 추진 현황은 차기 협의회(2024년 초, 브뤼셀)에서 점검한다.', updated_at = '2023-06-30 00:00:00' WHERE area_id = 1 AND side = 'joint' AND lang = 'ko';
UPDATE sections SET body = '2023년 6월 30일 서울에서 개최된 제1차 한-EU 디지털 파트너십 협의회 합의 사항: **고성능 컴퓨팅(HPC) 협력**. 아래 이행 과제의 추진 현황은 차기 협의회(2024년 초, 브뤼셀)에서 점검한다.', updated_at = '2023-06-30 00:00:00' WHERE area_id = 2 AND side = 'joint' AND lang = 'ko';
UPDATE sections SET body = '2023년 6월 30일 서울에서 개최된 제1차 한-EU 디지털 파트너십 협의회 합의 사항: **양자 기술 발전 촉진**. 아래 이행 과제의 추진 현황은 차기 협의회(2024년 초, 브뤼셀)에서 점검한다.', updated_at = '2023-06-30 00:00:00' WHERE area_id = 3 AND side = 'joint' AND lang = 'ko';
UPDATE sections SET body = '2023년 6월 30일 서울에서 개최된 제1차 한-EU 디지털 파트너십 협의회 합의 사항: **6G 공동 비전 정립**. 아래 이행 과제의 추진 현황은 차기 협의회(2024년 초, 브뤼셀)에서 점검한다.', updated_at = '2023-06-30 00:00:00' WHERE area_id = 4 AND side = 'joint' AND lang = 'ko';
UPDATE sections SET body = '2023년 6월 30일 서울에서 개최된 제1차 한-EU 디지털 파트너십 협의회 합의 사항: **온라인·디지털 플랫폼 조화**. 아래 이행 과제의 추진 현황은 차기 협의회(2024년 초, 브뤼셀)에서 점검한다.', updated_at = '2023-06-30 00:00:00' WHERE area_id = 5 AND side = 'joint' AND lang = 'ko';
UPDATE sections SET body = '2023년 6월 30일 서울에서 개최된 제1차 한-EU 디지털 파트너십 협의회 합의 사항: **신뢰할 수 있는 AI 증진**. 아래 이행 과제의 추진 현황은 차기 협의회(2024년 초, 브뤼셀)에서 점검한다.', updated_at = '2023-06-30 00:00:00' WHERE area_id = 6 AND side = 'joint' AND lang = 'ko';
UPDATE sections SET body = '2023년 6월 30일 서울에서 개최된 제1차 한-EU 디지털 파트너십 협의회 합의 사항: **사이버보안 협력 강화**. 아래 이행 과제의 추진 현황은 차기 협의회(2024년 초, 브뤼셀)에서 점검한다.', updated_at = '2023-06-30 00:00:00' WHERE area_id = 7 AND side = 'joint' AND lang = 'ko';
UPDATE sections SET body = '2023년 6월 30일 서울에서 개최된 제1차 한-EU 디지털 파트너십 협의회 합의 사항: **향후 협력 및 점검**. 아래 이행 과제의 추진 현황은 차기 협의회(2024년 초, 브뤼셀)에서 점검한다.', updated_at = '2023-06-30 00:00:00' WHERE area_id = 8 AND side = 'joint' AND lang = 'ko';

UPDATE councils SET city_ko = '서울', date_label_ko = '2023년 6월 30일' WHERE id = 1;
UPDATE councils SET city_ko = '브뤼셀', date_label_ko = '2024년 초' WHERE id = 2;
