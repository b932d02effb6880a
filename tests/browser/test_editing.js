'use strict';
// Scenarios 1–3: an editor edits their side's section; the other side cannot,
// not even with a forged form; two people editing the same section.

const { assert, assertEqual, unique, hexlit, submit, pathOf } = require('./lib');
const { assertAccessible } = require('./a11y');

// The body and version of one section, straight from the database.
function section(s, slug, side, lang = 'en') {
	const [row] = s.sql(`SELECT s.body, s.version FROM sections s JOIN areas a ON a.id = s.area_id
		WHERE a.slug = ${hexlit(slug)} AND s.side = ${hexlit(side)} AND s.lang = ${hexlit(lang)}`);
	return { body: row[0], version: Number(row[1]) };
}

module.exports = {
	// 1. Log in as an EU editor, edit the EU section, see it rendered, log out.
	async test_eu_editor_edits_the_eu_section_and_logs_out(s) {
		const ctx = await s.context();
		const page = await ctx.newPage();
		await s.loginWith(page, 'eu-editor');
		assertEqual(pathOf(page), '/', 'after login, the dashboard');

		await submit(page, page.locator('main a[href="/areas/quantum"]'));
		const eu = page.locator('section.side-eu');
		await submit(page, eu.locator('a[href="/areas/quantum/eu/edit?in=en"]'));
		assertEqual(pathOf(page), '/areas/quantum/eu/edit', 'the edit form');

		const word = unique('quantum');
		await page.getByLabel('Text', { exact: true }).fill(`EU contributions: **${word}**\n\n- first line\n- second line`);
		await page.getByLabel('Summary of the change').fill(`browser test ${word}`);
		await submit(page, page.getByRole('button', { name: 'Save' }));

		assertEqual(pathOf(page), '/areas/quantum', 'back on the area page');
		await page.locator('main .notice').filter({ hasText: 'saved' }).waitFor();
		assertEqual(await eu.locator('strong').filter({ hasText: word }).count(), 1, 'the text rendered from CommonMark');
		assertEqual(await eu.locator('.prose li').count(), 2, 'the list rendered');
		assert(section(s, 'quantum', 'eu').body.includes(word), 'stored in the database');

		await submit(page, page.getByRole('button', { name: 'Log out' }));
		assertEqual(pathOf(page), '/login', 'logged out to the login page');
		await page.getByText('You have logged out.').waitFor();
		await page.goto(s.url('/areas/quantum'));
		assertEqual(pathOf(page), '/login', 'the area needs a login again');
	},

	// 2. A KR editor has no edit action on EU content; forged posts are refused.
	async test_kr_editor_cannot_edit_eu_content(s) {
		const ctx = await s.as('kr-editor');
		const page = await ctx.newPage();
		await page.goto(s.url('/areas/quantum'));
		assertEqual(await page.locator('section.side-eu a[href*="/edit"]').count(), 0, 'no edit link on the EU section');
		assertEqual(await page.locator('section.side-joint a[href*="/edit"]').count(), 0, 'no edit link on the joint section');
		assert(await page.locator('section.side-kr a[href="/areas/quantum/kr/edit?in=en"]').count() === 1, 'an edit link on the own section');
		const cid = await page.locator('main article.commitment').first().getAttribute('id');
		await page.goto(s.url(`/commitments/${cid.slice(1)}`));
		assertEqual(await page.locator('form input[name="part"][value="eu"]').count(), 0, 'no form for the EU note');
		assert(await page.locator('form input[name="part"][value="kr"]').count() > 0, 'a form for the KR note');

		const resp = await page.goto(s.url('/areas/quantum/eu/edit?in=en'));
		assertEqual(resp.status(), 403, 'the EU form itself');

		// A forged post from inside the portal: the KR form, pointed at the EU
		// section, with a valid session and CSRF token.
		const before = section(s, 'quantum', 'eu');
		await page.goto(s.url('/areas/quantum/kr/edit?in=en'));
		await page.locator('form.editor').evaluate((f) => { f.action = '/areas/quantum/eu/edit'; });
		await page.locator('#body').fill('taken over by a forged form');
		const [forged] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Save' }).click(),
		]);
		assertEqual(forged.status(), 403, 'the forged post');
		assertEqual(section(s, 'quantum', 'eu').version, before.version, 'the EU section unchanged');

		// A form on another site, posting to the portal with the KR editor's cookie jar.
		await ctx.route('http://elsewhere.example/**', (route) => route.fulfill({
			contentType: 'text/html',
			body: `<form method="post" action="${s.url('/areas/quantum/kr/edit')}">
				<input name="body" value="posted from another site"><input name="in" value="en">
				<input name="base_version" value="${section(s, 'quantum', 'kr').version}">
				<input name="action" value="save"><button>go</button></form>`,
		}));
		const krBefore = section(s, 'quantum', 'kr');
		await page.goto('http://elsewhere.example/');
		const [cross] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'go' }).click(),
		]);
		assert(cross.status() === 403 || (cross.status() === 303 && /\/login/.test(cross.headers().location || '')),
			`a cross-site post is refused (got ${cross.status()})`);
		assertEqual(section(s, 'quantum', 'kr').version, krBefore.version, 'the KR section unchanged');
	},

	// 3. Two people save the same section: the second gets the conflict page
	// with their own text kept, merges and saves.
	async test_concurrent_edit_conflict_keeps_text_and_merges(s) {
		const url = s.url('/areas/hpc/eu/edit?in=en');
		const pageA = await (await s.as('eu-editor')).newPage();
		const pageB = await (await s.as('eu-cochair')).newPage();
		await pageA.goto(url);
		await pageB.goto(url);

		const a = unique('from-A');
		const b = unique('from-B');
		await pageA.locator('#body').fill(`HPC plan\n\n${a}\n`);
		await submit(pageA, pageA.getByRole('button', { name: 'Save' }));
		assert((await pageA.locator('section.side-eu').innerText()).includes(a), 'A saved');

		await pageB.locator('#body').fill(`HPC plan\n\n${b}\n`);
		const [resp] = await Promise.all([
			pageB.waitForResponse((r) => r.request().method() === 'POST'),
			pageB.getByRole('button', { name: 'Save' }).click(),
		]);
		assertEqual(resp.status(), 409, 'the second save');
		await pageB.waitForLoadState();
		await pageB.getByRole('heading', { name: 'Changed by someone else' }).waitFor();
		assert((await pageB.locator('#body').inputValue()).includes(b), 'B\'s text kept in the form');
		assert((await pageB.locator('section.conflict').innerText()).includes(a), 'the conflict shows A\'s change');
		assert(!section(s, 'hpc', 'eu').body.includes(b), 'nothing of B saved');
		await assertAccessible(pageB, 'conflict page');

		await pageB.locator('#body').fill(`HPC plan\n\n${a}\n${b}\n`);
		await pageB.getByLabel('Summary of the change').fill('merged');
		await submit(pageB, pageB.getByRole('button', { name: 'Save' }));
		assertEqual(pathOf(pageB), '/areas/hpc', 'the merge saved');
		const shown = await pageB.locator('section.side-eu').innerText();
		assert(shown.includes(a) && shown.includes(b), 'both texts on the page');
		const stored = section(s, 'hpc', 'eu').body;
		assert(stored.includes(a) && stored.includes(b), 'both texts stored');
	},
};
