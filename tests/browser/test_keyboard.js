'use strict';
// Keyboard only: skip link, login, finding an area, editing and saving a
// section, logging out, with a visible focus indicator on every stop.

const { assert, assertEqual, unique, pathOf, totpCode } = require('./lib');

// What the focused element is and whether its focus can be seen: an outline
// of at least 2 px, inside the viewport, with 3:1 contrast against what is
// drawn around it (WCAG 1.4.11).
async function focused(page) {
	return page.evaluate(() => {
		const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
		const lum = ([r, g, b]) => [r, g, b].map((v) => {
			const x = v / 255;
			return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
		}).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
		const el = document.activeElement;
		const st = getComputedStyle(el);
		const r = el.getBoundingClientRect();
		// What is drawn where the outline is: beside the element's left edge
		// (its right edge when that is off screen), outside the element.
		const out = parseFloat(st.outlineOffset) + parseFloat(st.outlineWidth) / 2;
		const x = r.left - out >= 0 ? r.left - out : r.right + out;
		let bg = [255, 255, 255];
		const under = document.elementsFromPoint(x, r.top + r.height / 2).find((e) => !el.contains(e));
		for (let p = under; p; p = p.parentElement) {
			const c = rgb(getComputedStyle(p).backgroundColor);
			if (c.length === 3 || c[3] > 0) { bg = c; break; }
		}
		const [hi, lo] = [lum(rgb(st.outlineColor)), lum(bg)].sort((a, b) => b - a);
		const contrast = (hi + 0.05) / (lo + 0.05);
		const ring = st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2 && contrast >= 3;
		const inView = r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth && r.width > 0;
		return {
			tag: el.localName, id: el.id, cls: el.className, text: (el.innerText || el.value || '').trim().slice(0, 40),
			href: el.getAttribute('href'), visible: ring && inView && el.matches(':focus-visible'),
			ring: `${st.outlineStyle} ${st.outlineWidth} ${st.outlineColor}, ${contrast.toFixed(1)}:1 on rgb(${bg.join(', ')})`,
		};
	});
}

// Presses Tab until `want(focused)` holds; every stop on the way must show its focus.
async function tabTo(page, want, what, limit = 80) {
	for (let i = 0; i < limit; i += 1) {
		await page.keyboard.press('Tab');
		const f = await focused(page);
		assert(f.tag === 'body' || f.visible, `focus is visible on <${f.tag} id="${f.id}" class="${f.cls}"> "${f.text}" (${f.ring})`);
		if (want(f)) return f;
	}
	throw new Error(`${what}: not reached with ${limit} presses of Tab`);
}

async function enter(page) {
	await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

module.exports = {
	async test_keyboard_only_login_edit_and_logout(s) {
		const page = await (await s.context()).newPage();
		await page.goto(s.url('/login'));

		// The first stop is the skip link, shown when focused; it leads to <main>.
		const skip = await tabTo(page, () => true, 'skip link', 1);
		assert(skip.cls.includes('skip-link'), `the first Tab stop is the skip link, not <${skip.tag}> "${skip.text}"`);
		await page.keyboard.press('Enter');
		assertEqual(await page.evaluate(() => document.activeElement.id), 'main', 'the skip link moves focus to the content');

		await tabTo(page, (f) => f.id === 'login', 'login field', 3);
		await page.keyboard.type('eu-editor');
		await tabTo(page, (f) => f.id === 'password', 'password field', 1);
		await page.keyboard.type(s.passwords['eu-editor']);
		await enter(page);
		// The second step: the authenticator app's code, typed too.
		assertEqual(pathOf(page), '/login/code', 'asked for the code');
		await tabTo(page, (f) => f.id === 'code', 'code field', 12);
		s.freshStep('eu-editor');
		await page.keyboard.type(totpCode(s.totpKeys['eu-editor']));
		await enter(page);
		assertEqual(pathOf(page), '/', 'logged in with the keyboard');

		await tabTo(page, (f) => f.href === '/areas/future-collaboration', 'the last area on the dashboard');
		await enter(page);
		await tabTo(page, (f) => f.href === '/areas/future-collaboration/eu/edit?in=en', 'Edit in English of the EU section');
		await enter(page);

		const word = unique('keyboard');
		await tabTo(page, (f) => f.id === 'body', 'the text field');
		await page.keyboard.press('Control+A');
		await page.keyboard.type(`Typed with the keyboard: ${word}`);
		await tabTo(page, (f) => f.id === 'summary', 'the summary field');
		await page.keyboard.type('keyboard test');
		await tabTo(page, (f) => f.tag === 'button' && f.text === 'Save', 'the Save button', 1);
		await enter(page);
		assertEqual(pathOf(page), '/areas/future-collaboration', 'saved');
		assert((await page.locator('section.side-eu').innerText()).includes(word), 'the text is on the page');

		// Log out: back to the top, then through the header.
		await page.keyboard.press('Control+Home');
		await page.evaluate(() => document.activeElement.blur());
		await tabTo(page, (f) => f.tag === 'button' && f.text === 'Log out', 'the Log out button', 10);
		await enter(page);
		assertEqual(pathOf(page), '/login', 'logged out with the keyboard');
	},
};
