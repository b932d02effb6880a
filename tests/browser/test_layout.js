'use strict';
// The look that can be checked: nothing scrolls sideways on a 360 px phone,
// Hangul is drawn with a real font, and paper gets the content without the
// site's navigation and forms.

const { assert, assertEqual, PHONE } = require('./lib');

// [who, page]: who is null before login.
const PAGES = [[null, '/login'], ['eu-editor', '/'], ['eu-editor', '/areas/6g'], ['eu-editor', '/areas/6g/history'],
	['eu-editor', '/areas/6g/eu/edit?in=en'], ['eu-editor', '/register'], ['eu-editor', '/councils'],
	['eu-editor', '/changes'], ['eu-editor', '/account'], ['eu-cochair', '/areas/6g/commitments/new'],
	['eu-admin', '/admin/users'], ['eu-admin', '/admin/audit']];

// Elements wider than the viewport (a table's own scrolling region excepted).
async function overflowing(page) {
	return page.evaluate(() => {
		const wide = [];
		for (const el of document.querySelectorAll('body *')) {
			if (el.closest('.table-scroll')) continue;
			const r = el.getBoundingClientRect();
			if (r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5)) wide.push(`<${el.localName} class="${el.className}">`);
		}
		return wide.slice(0, 5);
	});
}

module.exports = {
	async test_no_sideways_scrolling_at_360_px(s) {
		const commitment = s.scalar('SELECT MIN(id) FROM commitments');
		const pages = {};
		for (const lang of ['en', 'ko']) {
			for (const [who, p] of [...PAGES, ['eu-editor', `/commitments/${commitment}`]]) {
				if (!pages[who]) pages[who] = await (await (who ? s.as(who, { viewport: PHONE }) : s.context({ viewport: PHONE }))).newPage();
				const page = pages[who];
				await page.goto(s.url(`${p}${p.includes('?') ? '&' : '?'}lang=${lang}`));
				const width = await page.evaluate(() => document.scrollingElement.scrollWidth);
				assert(width <= PHONE.width, `${p} (${lang}) is ${width} px wide at ${PHONE.width}: ${await overflowing(page)}`);
			}
		}
	},

	async test_hangul_is_drawn_with_a_korean_font(s) {
		const page = await (await s.context()).newPage();
		await page.goto(s.url('/login?lang=ko'));
		// Which fonts the browser really drew the Korean heading with.
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('DOM.enable');
		await cdp.send('CSS.enable');
		const { root } = await cdp.send('DOM.getDocument');
		const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'main h1' });
		const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
		const names = fonts.map((f) => `${f.familyName} (${f.glyphCount})`).join(', ');
		assert(fonts.some((f) => /nanum|cjk|kr/i.test(f.familyName) && f.glyphCount > 0),
			`Hangul drawn with a Korean font (fonts-nanum or fonts-noto-cjk), not empty boxes: ${names}`);
	},

	async test_print_stylesheet(s) {
		const page = await (await s.as('eu-editor')).newPage();
		await page.goto(s.url('/register'));
		await page.emulateMedia({ media: 'print' });
		const shown = async (sel) => page.locator(sel).first().evaluate((el) => getComputedStyle(el).display !== 'none');
		for (const sel of ['.site-nav', '.skip-link', '.lang-switch', 'form.filters', '.downloads']) {
			assert(!(await shown(sel)), `${sel} is not printed`);
		}
		assert(await shown('table.register'), 'the table is printed');
		assertEqual(await page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(255, 255, 255)', 'on white paper');
		const pdf = await page.pdf({ format: 'A4' });
		assert(pdf.subarray(0, 5).toString() === '%PDF-' && pdf.length > 10000, 'the register prints to a PDF');
	},
};
