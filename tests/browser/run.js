#!/usr/bin/env node
'use strict';
// Runs the browser tests (tests/browser/test_*.js) against a running instance,
// in Debian's chromium (headless) driven by playwright-core. Each test file
// exports async functions test_*(stack). Prints one line per test and ends
// with "browser tests: N passed, N failed".
//
//   node tests/browser/run.js --port 18080 --instance var/test [-k substring]
//
// A failing test leaves a screenshot of each page it had open in
// <instance>/log/browser/, for the person reading the failure.

const fs = require('fs');
const path = require('path');

// playwright-core 1.61 needs Node.js 18 (Debian 12's own nodejs): on an older
// one say so plainly, as one failed test, instead of letting it exit mid-suite.
if (Number(process.versions.node.split('.')[0]) < 18) {
	console.log(`browser: FAIL Node.js ${process.versions.node} is too old: playwright-core needs Node.js 18 or later`);
	console.log('browser tests: 0 passed, 1 failed');
	process.exit(1);
}
const { Stack } = require('./lib');

// A test that has not finished after this long has hung: it fails (every
// browser wait has its own, shorter timeout; this only catches the rest). The
// longest test, the accessibility crawl of every page type in both languages,
// took over 120 s on two cores shared with other work: the limit is not a
// speed goal (those live in make bench), only a guard against a hang.
const TEST_LIMIT_MS = 300000;

function parseArgs(argv) {
	const args = { k: '' };
	for (let i = 0; i < argv.length; i += 1) {
		const a = argv[i];
		if (a === '--port') args.port = Number(argv[++i]);
		else if (a === '--instance') args.instance = argv[++i];
		else if (a === '-k') args.k = argv[++i];
		else throw new Error(`unknown argument ${a}`);
	}
	if (!args.port || !args.instance) throw new Error('usage: run.js --port N --instance DIR [-k substring]');
	return args;
}

function withLimit(promise, ms, what) {
	let timer;
	const limit = new Promise((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms / 1000} s`)), ms);
	});
	return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const stack = new Stack(args.port, args.instance);
	const failDir = path.join(stack.instance, 'log', 'browser');
	let passed = 0;
	let failed = 0;
	try {
		await stack.launch();
		stack.prepare();
	} catch (e) {
		console.log(`browser: FAIL the browser does not start or the instance is not ready\n    ${e.stack}`);
		console.log('browser tests: 0 passed, 1 failed');
		return 1;
	}
	const files = fs.readdirSync(__dirname).filter((f) => /^test_.*\.js$/.test(f)).sort();
	for (const file of files) {
		const tests = require(path.join(__dirname, file));
		for (const name of Object.keys(tests).sort()) {
			const full = `${file.replace(/\.js$/, '')}.${name}`;
			if (!name.startsWith('test_') || !full.includes(args.k)) continue;
			const t0 = Date.now();
			try {
				await withLimit(tests[name](stack), TEST_LIMIT_MS, full);
				passed += 1;
				console.log(`browser: ok   ${full} (${((Date.now() - t0) / 1000).toFixed(2)}s)`);
			} catch (e) {
				failed += 1;
				console.log(`browser: FAIL ${full}\n    ${String(e.stack || e).replace(/\n/g, '\n    ')}`);
				await stack.saveFailureScreens(failDir, full);
			}
			await stack.closeContexts();
		}
	}
	await stack.close();
	console.log(`browser tests: ${passed} passed, ${failed} failed`);
	return failed ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (e) => {
	console.log(`browser: FAIL ${e.stack}`);
	console.log('browser tests: 0 passed, 1 failed');
	process.exitCode = 1;
});
