'use strict';
// axe-core on every page type, for both sides and the roles that see
// different pages, in English and in Korean; the pages only reachable by a
// form (preview, error answers) are reached through their forms.

const { assert, assertEqual, unique, hexlit, submit, pathOf } = require('./lib');
const { assertAccessible } = require('./a11y');

const AREA = 'platforms';

function withLang(p, lang) {
	return `${p}${p.includes('?') ? '&' : '?'}lang=${lang}`;
}

// Content every page type needs: a revision with an older version to compare
// with, and a pending proposal. Made here, so the test needs nothing from others.
async function setUp(s) {
	const editor = await (await s.as('eu-editor')).newPage();
	await editor.goto(s.url(`/areas/${AREA}/eu/edit?in=en`));
	await editor.locator('#body').fill(`Platform dialogue: **${unique('a11y')}**\n\n1. one\n2. two`);
	await submit(editor, editor.getByRole('button', { name: 'Save' }));
	await editor.close();

	const cochair = await (await s.as('eu-cochair')).newPage();
	await cochair.goto(s.url(`/areas/${AREA}/joint/edit?in=en`));
	await cochair.locator('#body').fill(`Joint text ${unique('a11y')}`);
	await submit(cochair, cochair.getByRole('button', { name: 'Propose' }));
	const proposal = pathOf(cochair);
	assert(/^\/proposals\/\d+$/.test(proposal), 'a proposal made');
	await cochair.close();

	const area = `(SELECT id FROM areas WHERE slug = ${hexlit(AREA)})`;
	const [[from, to]] = s.sql(`SELECT MIN(seq), MAX(seq) FROM revisions
		WHERE area_id = ${area} AND part = 'eu' AND lang = 'en'`);
	const commitment = s.scalar(`SELECT MIN(id) FROM commitments WHERE area_id = ${area}`);
	return { proposal, revision: `/revisions/${to}`, compare: `/areas/${AREA}/compare?from=${from}&to=${to}`, commitment: `/commitments/${commitment}` };
}

// The pages every logged-in participant reads.
function readerPages(x) {
	return ['/', `/areas/${AREA}`, `/areas/${AREA}/history`, x.revision, x.compare, x.commitment, x.proposal,
		'/register', '/register?status=done&q=nothing-matches-this', '/register?council=1', '/councils', '/changes',
		'/account', '/areas/no-such-area'];
}

// Every page type in one language, for both sides: an EU editor and a KR
// co-chair read every page and open their editing pages (the co-chair also
// the joint ones), both sides' admins the account and audit pages. (A
// viewer's pages are the same pages with fewer controls.)
async function scanLanguage(s, x, lang, checked) {
	const visit = async (page, p, label, status = 200) => {
		const resp = await page.goto(s.url(withLang(p, lang)));
		assertEqual(resp.status(), p.includes('no-such-area') ? 404 : status, `${label}: ${p}`);
		await assertAccessible(page, `${label} ${p}`, checked);
	};

	// Before login, and the login form sent without its password (not a
	// failed login: nothing is counted against the account).
	const anon = await (await s.context()).newPage();
	await visit(anon, '/login', `anonymous ${lang}`);
	await anon.locator('#login').fill('eu-viewer');
	await anon.locator('#password').evaluate((el) => el.removeAttribute('required'));
	await submit(anon, anon.locator('form[action="/login"] button'));
	await anon.locator('#form-error').waitFor();
	await assertAccessible(anon, `anonymous ${lang} login error`, checked);

	for (const [login, side, other] of [['eu-editor', 'eu', 'kr'], ['kr-cochair', 'kr', 'eu']]) {
		const label = `${login} ${lang}`;
		const page = await (await s.as(login)).newPage();
		for (const p of readerPages(x)) await visit(page, p, label);
		await visit(page, `/areas/${AREA}/${other}/edit?in=${lang}`, label, 403);
		await visit(page, `/areas/${AREA}/${side}/edit?in=${lang}`, label);
		// The preview, reached through its button.
		await page.locator('#body').fill(`# ${unique('preview')}\n\n*emphasis* and a [link](https://example.org/)`);
		await submit(page, page.locator('button[value="preview"]'));
		await page.locator('section.preview').waitFor();
		await assertAccessible(page, `${label} edit preview`, checked);
		if (login === 'kr-cochair') {
			await visit(page, `/areas/${AREA}/joint/edit?in=${lang}`, label);
			await visit(page, `/areas/${AREA}/commitments/new`, label);
		}
	}

	for (const login of ['eu-admin', 'kr-admin']) {
		const page = await (await s.as(login)).newPage();
		const id = s.scalar(`SELECT id FROM accounts WHERE login = ${hexlit(login.replace('admin', 'viewer'))}`);
		for (const p of ['/admin/users', `/admin/users/${id}`, '/admin/audit']) await visit(page, p, `${login} ${lang}`);
	}
}

module.exports = {
	async test_every_page_type_has_no_axe_violation(s) {
		const x = await setUp(s);
		const checked = [];
		// Log in one after the other first: make test allows one password
		// hash at a time per worker and refuses a login that waits for it.
		for (const login of ['eu-editor', 'kr-cochair', 'eu-admin', 'kr-admin']) await s.as(login);
		// The two languages side by side: the machine has two cores.
		await Promise.all(['en', 'ko'].map((lang) => scanLanguage(s, x, lang, checked)));

		// The proposal decided (rejected by the other side): its closed state.
		const kr = await (await s.as('kr-cochair')).newPage();
		await kr.goto(s.url(x.proposal));
		await submit(kr, kr.getByRole('button', { name: 'Reject' }));
		await kr.locator('.badge.state-rejected').waitFor();
		await assertAccessible(kr, 'kr-cochair en rejected proposal', checked);

		const types = new Set(checked.map((c) => c.split(' ').slice(2).join(' ').replace(/\?.*$/, '').replace(/\/\d+/g, '/N')));
		console.log(`    axe: no violation on ${checked.length} pages of ${types.size} types: ${[...types].join(', ')}`);
		// Every page this test means to check was checked: a crawl that stops
		// early or skips a page (or a check that records nothing) fails here.
		const perLanguage = 2                                      // the login form, and its error
			+ 2 * (readerPages(x).length + 2 + 1)                  // two participants: readers' pages, two edit forms, a preview
			+ 2                                                    // the co-chair's joint form and new commitment
			+ 2 * 3;                                               // two admins: users, a user, the audit log
		assertEqual(checked.length, 2 * perLanguage + 1, 'pages checked (both languages, and the rejected proposal)');
		const want = ['/login', 'login error', '/', `/areas/${AREA}`, `/areas/${AREA}/history`, '/revisions/N',
			`/areas/${AREA}/compare`, '/commitments/N', '/proposals/N', '/register', '/councils', '/changes', '/account',
			'/areas/no-such-area', `/areas/${AREA}/kr/edit`, `/areas/${AREA}/eu/edit`, 'edit preview',
			`/areas/${AREA}/joint/edit`, `/areas/${AREA}/commitments/new`, '/admin/users', '/admin/users/N', '/admin/audit',
			'rejected proposal'];
		assertEqual([...types].sort().join(', '), [...want].sort().join(', '), 'page types checked');
		for (const lang of ['en', 'ko']) {
			assertEqual(checked.filter((c) => c.split(' ')[1] === lang).length, perLanguage + (lang === 'en' ? 1 : 0),
				`pages checked in ${lang}`);
		}
	},
};
