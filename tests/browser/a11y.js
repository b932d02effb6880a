'use strict';
// Accessibility and CSP checks of one loaded page: axe-core's WCAG 2.1 A/AA
// rules (and its best practices), and no inline script or style that the
// portal's strict CSP would refuse.

const fs = require('fs');
const { AssertionError } = require('./lib');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

// axe's violations on the page as loaded (an empty array when there are none).
// Injected through the DevTools protocol, which the page's CSP does not govern.
// The first run skips what only a report needs (selectors, ancestry); when it
// finds something, a second run names the elements.
async function axeViolations(page) {
	await page.evaluate(AXE_SOURCE);
	const run = (lean) => page.evaluate(([tags, fast]) => window.axe.run(document, {
		runOnly: { type: 'tag', values: tags },
		resultTypes: ['violations'],
		...(fast ? { selectors: false, ancestry: false, xpath: false, elementRef: false } : {}),
	}), [AXE_TAGS, lean]);
	const quick = await run(true);
	return quick.violations.length ? (await run(false)).violations : [];
}

function describe(violations) {
	return violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n` + v.nodes.slice(0, 5).map((n) =>
		`    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n')).join('\n');
}

// Markup that a strict CSP (no 'unsafe-inline') refuses or that needs script.
async function inlineCode(page) {
	return page.evaluate(() => {
		const found = [];
		for (const el of document.querySelectorAll('[style]')) found.push(`style attribute on <${el.localName}>`);
		for (const el of document.querySelectorAll('style')) found.push('<style> element');
		for (const el of document.querySelectorAll('script:not([src])')) found.push('inline <script>');
		for (const el of document.querySelectorAll('*')) {
			for (const a of el.attributes) {
				if (/^on/i.test(a.name)) found.push(`${a.name} handler on <${el.localName}>`);
			}
		}
		for (const el of document.querySelectorAll('[href^="javascript:" i], [action^="javascript:" i]')) found.push(`javascript: URL on <${el.localName}>`);
		return found;
	});
}

// Fails unless the page has no axe violation and no inline code. `checked`,
// when given, collects the label of every page that passed.
async function assertAccessible(page, label, checked) {
	const violations = await axeViolations(page);
	if (violations.length) {
		throw new AssertionError(`${label} (${page.url()}): ${violations.length} accessibility violation(s)\n${describe(violations)}`);
	}
	const inline = await inlineCode(page);
	if (inline.length) throw new AssertionError(`${label}: inline code a strict CSP refuses: ${inline.join(', ')}`);
	if (checked) checked.push(label);
}

module.exports = { axeViolations, assertAccessible, inlineCode };
