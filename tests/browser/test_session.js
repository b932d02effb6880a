'use strict';
// Scenarios 6 and 7: switching the language and back; after logout or an
// expired session, the back button shows no protected page.

const { execFileSync } = require('child_process');
const { assert, assertEqual, submit, pathOf } = require('./lib');

async function lang(page) {
	return page.locator('html').getAttribute('lang');
}

// The sessions table keeps BLAKE2b-256 of the cookie's token (hex, as SQL X'..').
function tokenHash(token) {
	return execFileSync('b2sum', ['-l', '256'], { input: token, encoding: 'utf8' }).split(' ')[0];
}

// Whether the page shows anything only a logged-in participant sees: the
// account box in the header, commitments, tables.
async function showsProtected(page) {
	return (await page.locator('.user-box, main article, main table').count()) > 0;
}

module.exports = {
	// 6. The switch in the header changes the language and the account keeps it.
	async test_switch_language_to_korean_and_back(s) {
		const ctx = await s.as('eu-viewer', { fresh: true });
		const page = await ctx.newPage();
		await page.goto(s.url('/areas/semiconductors'));
		assertEqual(await lang(page), 'en', 'English first');
		const heading = await page.locator('h1').innerText();

		await submit(page, page.locator('.lang-switch button[value="ko"]'));
		assertEqual(pathOf(page), '/areas/semiconductors', 'back on the same page');
		assertEqual(await lang(page), 'ko', 'now Korean');
		await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '개요' }).waitFor();
		assert((await page.locator('h1').innerText()) !== heading, 'the area title in Korean');
		assertEqual(await page.locator('.lang-switch button[value="ko"]').getAttribute('aria-current'), 'true', 'the switch shows the choice');

		// The choice is remembered: another page, no ?lang= in the URL.
		await submit(page, page.getByRole('link', { name: '이행 약속 등록부' }));
		assertEqual(await lang(page), 'ko', 'still Korean on the next page');
		assertEqual(s.scalar("SELECT lang FROM accounts WHERE login = 'eu-viewer'"), 'ko', 'saved for the account');

		await submit(page, page.locator('.lang-switch button[value="en"]'));
		assertEqual(pathOf(page), '/register', 'back on the register');
		assertEqual(await lang(page), 'en', 'English again');
		await page.getByRole('link', { name: 'Commitments register' }).waitFor();
		assertEqual(s.scalar("SELECT lang FROM accounts WHERE login = 'eu-viewer'"), 'en', 'saved again');

		// Before login, the switch is a pair of links.
		const anon = await (await s.context()).newPage();
		await anon.goto(s.url('/login'));
		await submit(anon, anon.locator('.lang-switch a[hreflang="ko"]'));
		assertEqual(await lang(anon), 'ko', 'the login page in Korean');
		await anon.getByRole('button', { name: '로그인' }).waitFor();
		await submit(anon, anon.locator('.lang-switch a[hreflang="en"]'));
		assertEqual(await lang(anon), 'en', 'and back');
	},

	// 7a. After logging out, Back shows the login page, not the page left.
	async test_back_button_after_logout_reveals_nothing(s) {
		const ctx = await s.as('eu-viewer', { fresh: true });
		const page = await ctx.newPage();
		await page.goto(s.url('/account'));
		await page.goto(s.url('/register'));
		assert(await showsProtected(page), 'the register while logged in');
		await submit(page, page.getByRole('button', { name: 'Log out' }));
		assertEqual(pathOf(page), '/login', 'logged out');

		for (const expected of ['/register', '/account']) {
			await page.goBack();
			await page.waitForLoadState();
			assertEqual(pathOf(page), '/login', `Back towards ${expected} lands on the login page`);
			assert(!(await showsProtected(page)), `nothing of ${expected} is shown`);
			assertEqual(await page.locator('#password').count(), 1, 'the login form');
		}
	},

	// 7b. A session that expired while the page was open: the next click, and
	// Back, lead to the login page.
	async test_expired_session_and_back_button(s) {
		const ctx = await s.as('eu-viewer', { fresh: true });
		const page = await ctx.newPage();
		await page.goto(s.url('/councils'));
		await page.goto(s.url('/register'));
		const cookie = (await ctx.cookies()).find((c) => c.name === s.sessionCookie);
		assert(cookie && cookie.httpOnly, 'an HttpOnly session cookie');
		// Idle for longer than session_idle (30 minutes by default).
		const where = `token_hash = X'${tokenHash(cookie.value)}'`;
		assertEqual(s.scalar(`SELECT COUNT(*) FROM sessions WHERE ${where}`), '1', 'the session found by its token');
		s.sql(`UPDATE sessions SET last_used_at = NOW(6) - INTERVAL 2 HOUR WHERE ${where}`);

		await submit(page, page.getByRole('link', { name: 'Overview' }));
		assertEqual(pathOf(page), '/login', 'sent to the login page');
		await page.getByText('Your session has ended. Please log in again.').waitFor();
		await page.goBack();
		await page.waitForLoadState();
		assertEqual(pathOf(page), '/login', 'Back does not show the register');
		assert(!(await showsProtected(page)), 'nothing protected is shown');
	},
};
