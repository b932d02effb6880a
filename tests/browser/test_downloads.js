'use strict';
// Scenario 5: the register downloaded through the page's links, as CSV and
// XLSX, holds what the filtered page shows, in Korean.

const { execFileSync } = require('child_process');
const fs = require('fs');
const { assert, assertEqual, submit } = require('./lib');

const HANGUL = /[\uAC00-\uD7A3]/;

// RFC 4180: rows of fields; quoted fields may hold commas, quotes, CRLF.
function parseCsv(text) {
	const rows = [];
	let row = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i += 1) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') {
			row.push(field); rows.push(row); row = []; field = ''; i += 1;
		} else field += c;
	}
	assert(field === '' && row.length === 0, 'the CSV ends with CRLF');
	return rows;
}

function xmlEscape(t) {
	return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Clicks a download link; returns the file's name and bytes.
async function download(page, name) {
	const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
	const file = await dl.path();
	return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file), file };
}

module.exports = {
	async test_register_downloads_through_the_links(s) {
		// A Korean reader: the browser asks for Korean, the page and the files follow.
		const ctx = await s.as('kr-viewer', { locale: 'ko-KR' });
		const page = await ctx.newPage();
		await page.goto(s.url('/register'));
		assertEqual(await page.locator('html').getAttribute('lang'), 'ko', 'the page in Korean');
		await page.locator('#f-area').selectOption('6g');
		await submit(page, page.locator('form.filters button[type=submit]'));
		assert(page.url().includes('area=6g'), 'the filter is in the URL');

		const shown = await page.locator('table.register tbody tr').evaluateAll((trs) => trs.map((tr) => ({
			number: tr.cells[0].innerText.trim(), text: tr.cells[2].innerText.trim(),
		})));
		assert(shown.length >= 2, `the 6G area's commitments are shown (${shown.length})`);
		assert(shown.every((r) => r.number.startsWith('4.')), 'only the filtered area');
		assert(shown.some((r) => HANGUL.test(r.text)), 'commitment texts in Korean');

		const csv = await download(page, 'CSV (UTF-8)');
		assert(/^eu-korea-register-\d{4}-\d{2}-\d{2}\.csv$/.test(csv.name), `a dated file name (${csv.name})`);
		assertEqual(csv.bytes.subarray(0, 3).toString('hex'), 'efbbbf', 'a UTF-8 byte order mark');
		const rows = parseCsv(csv.bytes.subarray(3).toString('utf8'));
		const header = rows.shift();
		assert(header.includes('진척도 (%)'), `a Korean header row (${header.join('|')})`);
		assertEqual(rows.length, shown.length, 'one row per commitment shown');
		for (const r of shown) {
			const row = rows.find((cells) => cells.includes(r.number));
			assert(row, `commitment ${r.number} in the CSV`);
			assert(row.includes(r.text), `its Korean text in the CSV: ${r.text}`);
		}

		const xlsx = await download(page, '엑셀 (XLSX)');
		assert(/^eu-korea-register-\d{4}-\d{2}-\d{2}\.xlsx$/.test(xlsx.name), `a dated file name (${xlsx.name})`);
		assertEqual(xlsx.bytes.subarray(0, 4).toString('hex'), '504b0304', 'a zip file');
		const parts = execFileSync('unzip', ['-Z1', xlsx.file], { encoding: 'utf8' }).split('\n');
		assert(parts.includes('xl/workbook.xml') && parts.includes('[Content_Types].xml'), 'a workbook');
		const xml = execFileSync('unzip', ['-p', xlsx.file, 'xl/*'], { encoding: 'utf8', maxBuffer: 64 << 20 });
		assert(xml.includes('name="등록부"') && xml.includes('name="정보"'), 'Korean sheet names');
		for (const r of shown) assert(xml.includes(xmlEscape(r.text)), `its Korean text in the workbook: ${r.text}`);
	},
};
