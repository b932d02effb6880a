'use strict';
// The second factor in a browser (issue 16): a new account is led through
// setting up its app (QR code, key, first code, recovery codes confirmed),
// then signs in with its code; every new page passes axe in both languages.

const { assert, assertEqual, submit, pathOf, totpCode, unique } = require('./lib');
const { assertAccessible } = require('./a11y');

// A new viewer of the EU side, made by the EU admin through the admin page; its password.
async function newAccount(s, login) {
	const ctx = await s.as('eu-admin');
	const page = await ctx.newPage();
	await page.goto(s.url('/admin/users'));
	await page.locator('#new-login').fill(login);
	await page.locator('#new-name').fill(`Second factor ${login}`);
	await page.locator('#new-role').selectOption('viewer');
	await submit(page, page.locator('form[action="/admin/users"] button[type=submit]'));
	const pw = (await page.locator('p.secret code').innerText()).trim();
	await page.close();
	return pw;
}

async function passwordStep(page, s, login, password) {
	await page.goto(s.url('/login'));
	await page.locator('#login').fill(login);
	await page.locator('#password').fill(password);
	await submit(page, page.locator('form[action="/login"] button[type=submit]'));
}

module.exports = {
	async test_a_new_account_sets_up_its_app_and_signs_in_with_it(s) {
		for (const lang of ['en', 'ko']) {
			const login = unique(`tf-${lang}`).toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 40);
			const password = await newAccount(s, login);
			const ctx = await s.context({ locale: lang === 'ko' ? 'ko-KR' : 'en-GB' });
			const page = await ctx.newPage();
			await passwordStep(page, s, login, password);
			assertEqual(pathOf(page), '/login/enrol', 'led to set up an app');
			assertEqual(await page.locator('html').getAttribute('lang'), lang, 'in the browser\'s language');
			await page.locator('img[src="/login/enrol/qr.svg"]').waitFor();
			assert(await page.locator('img[src="/login/enrol/qr.svg"]').evaluate((img) => img.naturalWidth > 0),
				'the QR code is drawn');
			const key = (await page.locator('#totp-secret').innerText()).replace(/\s/g, '');
			assert(/^[A-Z2-7]{32}$/.test(key), `the key as text: ${key}`);
			await assertAccessible(page, `enrolment (${lang})`);
			await page.locator('#code').fill(totpCode(key));
			await submit(page, page.locator('form[action="/login/enrol"] button[type=submit]'));
			assertEqual(pathOf(page), '/login/recovery-codes', 'then the recovery codes');
			assertEqual(await page.locator('#recovery-codes li').count(), 10, 'ten codes');
			await assertAccessible(page, `recovery codes (${lang})`);
			await page.locator('#saved').check();
			await submit(page, page.locator('form[action="/login/recovery-codes"] button[type=submit]'));
			assertEqual(pathOf(page), '/', 'logged in');

			// Next time: the password, then the code.
			const again = await (await s.context({ locale: lang === 'ko' ? 'ko-KR' : 'en-GB' })).newPage();
			await passwordStep(again, s, login, password);
			assertEqual(pathOf(again), '/login/code', 'asked for the code');
			await assertAccessible(again, `code page (${lang})`);
			s.freshStep(login);
			await again.locator('#code').fill(totpCode(key));
			await submit(again, again.locator('form[action="/login/code"] button[type=submit]'));
			assertEqual(pathOf(again), '/', 'logged in with the code');
			await again.goto(s.url('/account'));
			await again.locator('#mfa-totp').waitFor();
			await assertAccessible(again, `account page with its factor (${lang})`);
		}
	},
};
