'use strict';
// What the browser tests share: Debian's chromium driven by playwright-core,
// the instance's demo accounts and its MariaDB (as the admin, like
// tests/http/harness.py), logged-in contexts, and a few assertions.

const { chromium } = require('playwright-core');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

// Desktop and phone viewports; 360 px is the narrowest width the portal supports.
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };

class AssertionError extends Error {}

function assert(cond, message) {
	if (!cond) throw new AssertionError(message || 'assertion failed');
}

function assertEqual(actual, expected, message) {
	if (actual !== expected) {
		throw new AssertionError(`${message || 'not equal'}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
	}
}

// Unique text per call, so a test never depends on what an earlier one left.
let counter = 0;
function unique(prefix) {
	counter += 1;
	return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

// A SQL literal that cannot be broken out of (as harness.hexlit).
function hexlit(text) {
	return `X'${Buffer.from(String(text), 'utf8').toString('hex')}'`;
}

// The session cookie's name under a portal.conf (cgi/http/session.h):
// __Host-portal_session when cookies are Secure, portal_session on plain HTTP.
function sessionCookieName(config) {
	const m = /^\s*secure_cookies\s*=\s*([01])\s*$/m.exec(fs.readFileSync(config, 'utf8'));
	const secure = !m || m[1] === '1';
	return secure ? '__Host-portal_session' : 'portal_session';
}

class Stack {
	constructor(port, instance) {
		this.base = `http://127.0.0.1:${port}`;
		this.instance = path.resolve(ROOT, instance);
		this.adminCnf = path.join(this.instance, 'mariadb', 'admin.cnf');
		this.passwords = {};
		this.totpKeys = {};        // login -> base32 key of its authenticator app
		this.sessionCookie = sessionCookieName(path.join(this.instance, 'portal.conf'));
		const demo = fs.readFileSync(path.join(this.instance, 'demo-accounts.txt'), 'utf8');
		for (const line of demo.split('\n')) {
			const [login, pw, key] = line.trim().split(/\s+/);
			if (login && pw) this.passwords[login] = pw;
			if (login && key) this.totpKeys[login] = key;
		}
		this.states = new Map();   // login -> storage state of a live session
		this.browser = null;
		this.open = [];            // contexts of the running test, closed after it
	}

	// Before the first test: no demo account is locked out by failed logins
	// of earlier suites.
	prepare() {
		this.sql('DELETE FROM login_throttle');
	}

	url(p) { return this.base + p; }

	// Runs SQL as the database administrator; returns rows of strings. Batch
	// output escapes tabs, newlines and backslashes in values: undone here.
	sql(query) {
		const out = execFileSync('mariadb', [`--defaults-file=${this.adminCnf}`, '--batch',
			'--skip-column-names', 'portal', '-e', query], { encoding: 'utf8' });
		const lines = out.split('\n');
		if (lines.length && lines[lines.length - 1] === '') lines.pop();
		const unescape = { n: '\n', t: '\t', '\\': '\\', 0: '\0' };
		return lines.map((l) => l.split('\t').map((f) => f.replace(/\\(.)/g, (m, c) => unescape[c] ?? m)));
	}

	scalar(query) {
		const rows = this.sql(query);
		return rows.length ? rows[0][0] : null;
	}

	async launch() {
		this.browser = await chromium.launch({
			executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
			// CI runs as root, where chromium's sandbox cannot start.
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
				'--disable-component-update', '--disable-sync', '--no-first-run'],
		});
	}

	async close() {
		if (this.browser) await this.browser.close();
	}

	// A fresh context (no cookies). Options as Playwright's newContext; the
	// browser asks for English unless told otherwise.
	async context(opts = {}) {
		const ctx = await this.browser.newContext({ viewport: DESKTOP, locale: 'en-GB', ...opts });
		ctx.setDefaultTimeout(10000);
		this.open.push(ctx);
		return ctx;
	}

	async closeContexts() {
		const open = this.open;
		this.open = [];
		for (const ctx of open) await ctx.close().catch(() => {});
	}

	// What the pages of a failed test showed, for the person reading the failure.
	async saveFailureScreens(dir, test) {
		fs.mkdirSync(dir, { recursive: true });
		let i = 0;
		for (const ctx of this.open) {
			for (const page of ctx.pages()) {
				i += 1;
				await page.screenshot({ path: path.join(dir, `${test}-${i}.png`), fullPage: true }).catch(() => {});
			}
		}
	}

	// Clears the account's saved language: its pages then follow the
	// context's locale (English unless a test asks for another).
	forgetLanguage(login) {
		this.sql(`UPDATE accounts SET lang = NULL WHERE login = ${hexlit(login)}`);
	}

	// Logs in through the login form of a page; leaves the page on the
	// dashboard (or the page the login was asked for).
	async loginWith(page, login) {
		this.forgetLanguage(login);
		await page.goto(this.url('/login'));
		await page.locator('#login').fill(login);
		await page.locator('#password').fill(this.passwords[login]);
		await submit(page, page.locator('form[action="/login"] button[type=submit]'));
		if (pathOf(page) === '/login/code') {
			this.freshStep(login);
			await page.locator('#code').fill(totpCode(this.totpKeys[login]));
			await submit(page, page.locator('form[action="/login/code"] button[type=submit]'));
		}
		if (pathOf(page).startsWith('/login')) {
			const why = await page.locator('main [role="alert"]').allInnerTexts();
			throw new AssertionError(`logging in as ${login} was refused: ${why.join(' ')}`);
		}
	}

	// The harness stands in for the clock: an app's code is accepted once per
	// 30-second step, and the tests log the same accounts in many times a
	// minute, so before each login the account's last used step is forgotten.
	freshStep(login) {
		this.sql(`UPDATE accounts SET totp_last_counter = NULL WHERE login = ${hexlit(login)}`);
	}

	// A context logged in as a demo account, in the language of its locale.
	// Sessions are reused between tests (a login costs an argon2id hash);
	// fresh: true makes a session of its own, for tests that log out or let
	// it expire.
	async as(login, { fresh = false, ...opts } = {}) {
		const state = !fresh && this.states.get(login);
		if (state) {
			this.forgetLanguage(login);
			return this.context({ ...opts, storageState: state });
		}
		const ctx = await this.context(opts);
		const page = await ctx.newPage();
		await this.loginWith(page, login);
		await page.close();
		if (!fresh) this.states.set(login, await ctx.storageState());
		return ctx;
	}
}

// The six-digit code of an authenticator app (RFC 6238: HMAC-SHA-1, 30 s
// steps) for a base32 key, now or step steps away.
function totpCode(key, step = 0) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const ch of key.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
	const bytes = [];
	for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30) + step));
	const mac = require('crypto').createHmac('sha1', Buffer.from(bytes)).update(counter).digest();
	const offset = mac[mac.length - 1] & 0x0f;
	return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// Clicks (a button or link) and waits for the page it leads to.
async function submit(page, target) {
	await Promise.all([page.waitForNavigation(), target.click()]);
}

// The path of the page's URL.
function pathOf(page) {
	return new URL(page.url()).pathname;
}

module.exports = { Stack, assert, assertEqual, AssertionError, unique, hexlit, submit, pathOf, totpCode, DESKTOP, PHONE, ROOT };
