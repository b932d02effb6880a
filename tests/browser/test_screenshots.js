'use strict';
// Screenshots of the main pages, desktop (1280 px) and phone (360 px), in
// English and Korean, written to the instance's log/screenshots/, or to the
// folder SCREENSHOTS_DIR names: `make screenshots` renews docs/screenshots/
// (shown in the README) that way, so a test run leaves the tree as it was.
// The area shown first gets plausible texts through the editing forms, so
// the pictures show the portal in use rather than test data.

const fs = require('fs');
const path = require('path');
const { assert, submit, pathOf, ROOT, DESKTOP, PHONE } = require('./lib');

const AREA = 'quantum';
const MAX_HEIGHT = { desktop: 1500, phone: 1400 };

const SECTIONS = {
	eu: {
		en: 'The EU contributes through its Quantum Flagship and the quantum pillar of the Digital Europe Programme.\n\n'
			+ '- EU members of the Working Group named by the end of March\n'
			+ '- A first joint workshop on quantum sensing, hosted in Brussels\n'
			+ '- Researchers\' exchange under Horizon Europe',
		ko: 'EU는 양자 플래그십과 디지털 유럽 프로그램의 양자 분야를 통해 참여합니다.\n\n'
			+ '- 3월 말까지 작업반의 EU 측 위원 지명\n'
			+ '- 브뤼셀에서 양자 센싱 첫 공동 워크숍 개최\n'
			+ '- 호라이즌 유럽을 통한 연구자 교류',
	},
	kr: {
		ko: '한국은 **양자과학기술 전략**에 따라 참여합니다.\n\n'
			+ '- 작업반의 한국 측 위원 지명 완료\n'
			+ '- 양자 컴퓨팅 공동 연구 과제 발굴\n'
			+ '- 표준화 협력을 위한 전문가 회의 준비',
		en: 'Korea takes part under its **national quantum science and technology strategy**.\n\n'
			+ '- Korean members of the Working Group named\n'
			+ '- Joint research topics in quantum computing identified\n'
			+ '- Expert meeting on standardisation in preparation',
	},
};

const NOTES = {
	eu: { en: 'Terms of reference of the Working Group drafted and sent to the Korean side.', ko: '작업반 운영 규정 초안을 작성하여 한국 측에 전달했습니다.' },
	kr: { ko: '작업반 운영 규정 초안을 검토하고 있으며 의견을 곧 전달할 예정입니다.', en: 'Reviewing the draft terms of reference; comments to follow shortly.' },
};

async function saveSection(page, side, lang, text) {
	await page.goto(`/areas/${AREA}/${side}/edit?in=${lang}`);
	await page.locator('#body').fill(text);
	await submit(page, page.locator('button[value="save"]'));
	assert(pathOf(page) === `/areas/${AREA}`, `the ${side} ${lang} text saved`);
}

function noteOf(s, commitment, side, lang) {
	const id = Number(commitment.split('/').pop());
	return s.scalar(`SELECT body FROM commitment_notes WHERE commitment_id = ${id} AND side = '${side}' AND lang = '${lang}'`) || '';
}

// Saves a note through its form; back on the commitment's page, the form shows it, and it is stored.
async function saveNote(s, page, commitment, side, lang, text) {
	await page.goto(`${commitment}?lang=${lang}`);
	const field = page.locator(`#note-${side}-${lang}`);
	await field.fill(text);
	await submit(page, field.locator('xpath=ancestor::form').locator('button[type=submit]'));
	assert(pathOf(page) === commitment, `the ${side} ${lang} note saved (now on ${pathOf(page)})`);
	assert((await page.locator(`#note-${side}-${lang}`).inputValue()) === text, `the ${side} ${lang} note shows in its form`);
	if (text) {
		await page.goto(`${commitment}?lang=${lang}`);
		assert((await page.locator(`.note-${side}`).innerText()).includes(text), `the ${side} ${lang} note shows on the page in ${lang}`);
	}
	assert(noteOf(s, commitment, side, lang) === text, `the ${side} ${lang} note is stored`);
}

async function shoot(page, out, name, kind) {
	const height = Math.min(MAX_HEIGHT[kind], await page.evaluate(() => document.documentElement.scrollHeight));
	const width = kind === 'phone' ? PHONE.width : DESKTOP.width;
	const file = path.join(out, `${name}-${kind}.png`);
	await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height } });
	// A real picture, not a blank page: a PNG of a rendered page is tens of kilobytes.
	assert(fs.statSync(file).size > 8000, `${file} is too small to show the page`);
}

module.exports = {
	async test_screenshots_of_the_main_pages(s) {
		const out = process.env.SCREENSHOTS_DIR ? path.resolve(ROOT, process.env.SCREENSHOTS_DIR)
			: path.join(s.instance, 'log', 'screenshots');
		fs.mkdirSync(out, { recursive: true });
		const commitment = `/commitments/${s.scalar(`SELECT MIN(c.id) FROM commitments c JOIN areas a ON a.id = c.area_id WHERE a.slug = '${AREA}'`)}`;
		// The notes are put back afterwards (through the same forms), so no other test sees these.
		const before = {};
		for (const side of ['eu', 'kr']) for (const lang of ['en', 'ko']) before[`${side}-${lang}`] = noteOf(s, commitment, side, lang);
		const editors = {};
		try {
			for (const side of ['eu', 'kr']) {
				const page = await (await s.as(`${side}-editor`, { baseURL: s.base })).newPage();
				editors[side] = page;
				const order = side === 'eu' ? ['en', 'ko'] : ['ko', 'en'];
				for (const lang of order) await saveSection(page, side, lang, SECTIONS[side][lang]);
				for (const lang of order) await saveNote(s, page, commitment, side, lang, NOTES[side][lang]);
			}
			await shootAll(s, out, commitment);
		} finally {
			for (const side of Object.keys(editors)) {
				for (const lang of ['en', 'ko']) {
					if (noteOf(s, commitment, side, lang) !== before[`${side}-${lang}`]) {
						await saveNote(s, editors[side], commitment, side, lang, before[`${side}-${lang}`]);
					}
				}
			}
		}
	},
};

// The pictures, once the area and the commitment show the texts above.
async function shootAll(s, out, commitment) {
	const anon = await (await s.context({ baseURL: s.base })).newPage();
	await anon.goto('/login');
	await shoot(anon, out, 'login-en', 'desktop');

	for (const [kind, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
		const page = await (await s.as('eu-editor', { baseURL: s.base, viewport })).newPage();
		const shots = kind === 'desktop'
			? [['/?lang=en', 'dashboard-en'], ['/?lang=ko', 'dashboard-ko'], [`/areas/${AREA}?lang=en`, 'area-en'],
				['/register?lang=en', 'register-en'], [`${commitment}?lang=ko`, 'commitment-ko']]
			: [['/?lang=en', 'dashboard-en'], [`/areas/${AREA}?lang=ko`, 'area-ko'], ['/register?lang=ko', 'register-ko']];
		for (const [url, name] of shots) {
			await page.goto(url);
			await shoot(page, out, name, kind);
		}
		if (kind === 'desktop') {
			// The editor with its preview.
			await page.goto(`/areas/${AREA}/eu/edit?in=en`);
			await page.locator('#body').fill(`${SECTIONS.eu.en}\n\nUpdated after the *Working Group's* first call.`);
			await submit(page, page.locator('button[value="preview"]'));
			await shoot(page, out, 'edit-preview-en', kind);
		}
	}
}
