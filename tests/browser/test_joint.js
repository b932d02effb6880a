'use strict';
// Scenario 4: a joint change is proposed by one side's co-chair and takes
// effect when the other side's co-chair approves it.

const { assert, assertEqual, unique, submit, pathOf } = require('./lib');
const { assertAccessible } = require('./a11y');

module.exports = {
	async test_eu_cochair_proposes_kr_cochair_approves(s) {
		const eu = await (await s.as('eu-cochair')).newPage();
		const kr = await (await s.as('kr-cochair')).newPage();
		const word = unique('joint');

		await eu.goto(s.url('/areas/6g'));
		const joint = eu.locator('section.side-joint');
		await submit(eu, joint.locator('a[href="/areas/6g/joint/edit?in=en"]'));
		const current = await eu.locator('#body').inputValue();
		await eu.locator('#body').fill(`${current}\n\nAgreed addition: ${word}.`);
		await eu.getByLabel('Summary of the change').fill(`add ${word}`);
		await submit(eu, eu.getByRole('button', { name: 'Propose' }));

		const proposal = pathOf(eu);
		assert(/^\/proposals\/\d+$/.test(proposal), `the proposal's page (${proposal})`);
		await eu.locator('.badge.state-pending').waitFor();
		assertEqual(await eu.getByRole('button', { name: 'Approve' }).count(), 0, 'the proposer cannot approve');
		await assertAccessible(eu, 'proposal page (proposer)');
		await eu.goto(s.url('/areas/6g'));
		assert(!(await joint.innerText()).includes(word), 'not applied before approval');
		await eu.locator('section.pending li', { hasText: `add ${word}` }).locator(`a[href="${proposal}"]`).waitFor();

		// The other side's co-chair finds it on the area page and approves it.
		await kr.goto(s.url('/areas/6g'));
		await submit(kr, kr.locator(`section.pending a[href="${proposal}"]`));
		await assertAccessible(kr, 'proposal page (approver)');
		await submit(kr, kr.getByRole('button', { name: 'Approve' }));
		await kr.locator('.badge.state-approved').waitFor();
		await kr.goto(s.url('/areas/6g'));
		assert((await kr.locator('section.side-joint').innerText()).includes(word), 'applied for KR');

		await eu.reload();
		assert((await joint.innerText()).includes(word), 'applied for EU');
		assertEqual(await eu.locator(`section.pending a[href="${proposal}"]`).count(), 0, 'no longer pending');
	},
};
