'use strict';
// Without JavaScript every function still works: the forms are plain HTML.
// And every page answers with the strict CSP, which the browser enforces
// without complaint.

const fs = require('fs');
const { assert, assertEqual, unique, submit, pathOf } = require('./lib');

module.exports = {
	async test_everything_works_without_javascript(s) {
		// A Korean reader, so the Korean text edited below is what the pages show.
		const ctx = await s.context({ javaScriptEnabled: false, locale: 'ko-KR' });
		const page = await ctx.newPage();
		await s.loginWith(page, 'kr-editor');
		assertEqual(pathOf(page), '/', 'logged in');

		// Edit with a preview first, then save.
		await page.goto(s.url('/areas/cybersecurity/kr/edit?in=ko'));
		const word = unique('nojs');
		await page.locator('#body').fill(`사이버 보안 협력: **${word}**`);
		await submit(page, page.locator('button[value="preview"]'));
		assert((await page.locator('section.preview strong').innerText()) === word, 'the preview rendered');
		assert((await page.locator('#body').inputValue()).includes(word), 'the text kept in the form');
		await submit(page, page.locator('button[value="save"]'));
		assertEqual(pathOf(page), '/areas/cybersecurity', 'saved');
		assert((await page.locator('section.side-kr').innerText()).includes(word), 'shown on the area page');

		// A progress note on a commitment.
		await page.locator('main a.commitment-num').first().click();
		await page.waitForURL(/\/commitments\/\d+$/);
		const note = `진행 상황 ${word}`;
		await page.locator('#note-kr-ko').fill(note);
		await submit(page, page.locator('#note-kr-ko').locator('xpath=ancestor::form').locator('button[type=submit]'));
		assert((await page.locator('.note-kr').innerText()).includes(note), 'the note saved');

		// The register's filter (a GET form) and a download link.
		await page.goto(s.url('/register'));
		await page.locator('#f-area').selectOption('cybersecurity');
		await submit(page, page.locator('form.filters button[type=submit]'));
		const numbers = await page.locator('table.register td.num').allInnerTexts();
		assert(numbers.length >= 2 && numbers.every((n) => n.startsWith('7.')), `filtered to area 7 (${numbers})`);
		const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('a[href^="/register.csv"]').click()]);
		assert(fs.readFileSync(await dl.path(), 'utf8').includes(note), 'the CSV holds the new note');

		// The language switch (a POST form) and back.
		assertEqual(await page.locator('html').getAttribute('lang'), 'ko', 'in Korean');
		await submit(page, page.locator('.lang-switch button[value="en"]'));
		assertEqual(await page.locator('html').getAttribute('lang'), 'en', 'switched to English');
		await submit(page, page.locator('.lang-switch button[value="ko"]'));
		assertEqual(await page.locator('html').getAttribute('lang'), 'ko', 'and back');

		await submit(page, page.locator('form[action="/logout"] button'));
		assertEqual(pathOf(page), '/login', 'logged out');
	},

	async test_pages_send_a_strict_csp_and_break_none_of_it(s) {
		const ctx = await s.as('eu-cochair');
		const page = await ctx.newPage();
		const problems = [];
		page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${page.url()}: ${m.text()}`); });
		page.on('pageerror', (e) => problems.push(`${page.url()}: ${e}`));
		for (const p of ['/', '/areas/trustworthy-ai', '/areas/trustworthy-ai/joint/edit', '/register', '/councils', '/changes', '/account']) {
			const resp = await page.goto(s.url(p));
			const csp = resp.headers()['content-security-policy'] || '';
			assert(/script-src 'self'/.test(csp) && /style-src 'self'/.test(csp), `${p}: a CSP for scripts and styles (${csp})`);
			assert(!/unsafe-inline|unsafe-eval/.test(csp), `${p}: nothing unsafe in the CSP`);
			// Every stylesheet and script the page asked for was allowed and loaded.
			const sheets = await page.evaluate(() => [...document.styleSheets].map((x) => x.href));
			assert(sheets.length >= 1 && sheets.every((h) => h && h.startsWith(s.url('/static/'))), `${p}: stylesheets from /static/ (${sheets})`);
		}
		assertEqual(problems.join('\n'), '', 'no CSP violation or error reported by the browser');
	},
};
