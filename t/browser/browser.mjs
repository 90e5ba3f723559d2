// browser.mjs: what every browser journey shares: TAP output, a user in a JavaScript-free Chromium context, and the main that starts and always closes Debian's chromium.
//
// A journey script (t/browser/journey.mjs, t/browser/onboarding.mjs) is run
// as `node SCRIPT BASE_URL ARTEFACT_DIR` by HomeServe::Browser; it imports
// this module and calls run(journey).  Output on stdout, one per line:
//   ok N - DESCRIPTION / not ok N - DESCRIPTION, then "# " lines saying why
//   artefact: PATH            a screenshot
//   page: PATH LABEL          a page's HTML, for the HTML checker
//   browser: PID              the Chromium process, for cleaning up
//   1..N                      the plan, last, when the journey ran to its end
// The exit status is 0 when every check passed.  Never downloads a browser:
// it runs /usr/bin/chromium (or HS_CHROMIUM) or fails.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

// playwright-core comes from HS_NODE_MODULES (set by HomeServe::Browser),
// so the scripts also run from a tree without its own node_modules.
const require = createRequire(join(process.env.HS_NODE_MODULES ||
    new URL('../../node_modules', import.meta.url).pathname, '..', 'package.json'));
const { chromium } = require('playwright-core');

export const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
	console.error(`usage: node t/browser/${basename(process.argv[1] ?? 'SCRIPT')} BASE_URL ARTEFACT_DIR`);
	process.exit(2);
}
export const CHROMIUM = process.env.HS_CHROMIUM || '/usr/bin/chromium';
const STEP_TIMEOUT = 20000;	// ms for one click, fill or page load
const pagesDir = join(outDir, 'pages');
mkdirSync(pagesDir, { recursive: true });

// --- TAP --------------------------------------------------------------------

let tests = 0;
let failed = 0;

export function say(line) {
	process.stdout.write(line + '\n');
}

export function diag(text) {
	for (const line of String(text).split('\n'))
		say('# ' + line);
}

export function ok(cond, what, why) {
	tests++;
	say(`${cond ? '' : 'not '}ok ${tests} - ${what}`);
	if (!cond) {
		failed++;
		if (why !== undefined)
			diag(why);
	}
	return !!cond;
}

export function is(got, want, what) {
	return ok(got === want, what,
	    `got:      ${JSON.stringify(got)}\nexpected: ${JSON.stringify(want)}`);
}

export function like(got, re, what) {
	return ok(re.test(got ?? ''), what,
	    `got:          ${JSON.stringify(String(got ?? '').slice(0, 400))}\ndoes not match: ${re}`);
}

// Prints the plan and says what the exit status should be: 0 when every
// check passed.
export function plan() {
	say(`1..${tests}`);
	return failed ? 1 : 0;
}

// --- a person at a browser --------------------------------------------------

let pageNo = 0;

// One user in their own browser context (own cookies), with every
// main-frame navigation recorded: its statuses, and the HTML of each page
// that was not a redirect, checked for scripts and kept for the checker.
// The images the pages load are recorded too, for checks that they came.
export class User {
	constructor(name, context, page) {
		this.name = name;
		this.context = context;
		this.page = page;
		this.statuses = [];
		this.bodies = [];
		this.images = [];
		page.setDefaultTimeout(STEP_TIMEOUT);
		page.setDefaultNavigationTimeout(STEP_TIMEOUT);
		page.on('response', (res) => this.saw(res));
	}

	static async open(browser, name) {
		const context = await browser.newContext({
			javaScriptEnabled: false,
			baseURL: base,
			viewport: { width: 1024, height: 800 },
			locale: 'en-IN',
			timezoneId: 'Asia/Kolkata',
		});
		return new User(name, context, await context.newPage());
	}

	saw(res) {
		const req = res.request();
		const headers = res.headers();
		if (req.resourceType() === 'image')
			this.images.push({ path: new URL(res.url()).pathname, url: res.url(),
			    status: res.status(), type: headers['content-type'] || '' });
		if (!req.isNavigationRequest() || res.frame() !== this.page.mainFrame())
			return;
		this.statuses.push(res.status());
		// A redirect's body is no page, nor is a download's.
		if (res.status() >= 300 && res.status() < 400
		    || /^attachment/i.test(headers['content-disposition'] || ''))
			return;
		const label = `${this.name}: ${req.method()} ${res.url()} → ${res.status()}`;
		this.bodies.push(res.body().then((b) => ({ label, html: b.toString('utf8') }),
		    (e) => ({ label, error: e.message })));
	}

	// Runs ACTION (a click, a goto), waits for the page it leads to, and
	// checks it: the statuses on the way (303 then 200 after a form, 200
	// after a link), the path it lands on, and that it has no script.
	async step(what, action, { path, statuses = [200] } = {}) {
		this.statuses = [];
		this.bodies = [];
		let error;
		try {
			await action();
			await this.page.waitForLoadState('load');
		} catch (e) {
			error = e;
		}
		if (!ok(!error, `${this.name}: ${what}`, error && error.message.split('\n')[0]))
			return false;
		let good = is(this.statuses.join(' '), statuses.join(' '),
		    `${this.name}: ${what}: HTTP ${statuses.join(' then ')}`);
		const url = new URL(this.page.url());
		if (path)
			good = like(url.pathname + url.search, path,
			    `${this.name}: ${what}: lands on ${url.pathname}${url.search}`) && good;
		for (const body of await Promise.all(this.bodies)) {
			if (body.error) {
				good = ok(false, `${this.name}: ${what}: the page's HTML can be read`,
				    body.error) && good;
				continue;
			}
			const file = join(pagesDir, String(++pageNo).padStart(3, '0') + '.html');
			writeFileSync(file, body.html);
			say(`page: ${file} ${body.label}`);
			good = ok(!/<script/i.test(body.html),
			    `${this.name}: ${what}: the page has no <script>`) && good;
		}
		good = is(await this.page.locator('script').count(), 0,
		    `${this.name}: ${what}: no script element in the document`) && good;
		return good;
	}

	async goto(path, what, opts = {}) {
		return this.step(what ?? `opens ${path}`, () => this.page.goto(path),
		    { path: new RegExp('^' + escape(path) + '$'), ...opts });
	}

	// Clicks the link or button with this accessible name (exactly).
	async click(role, name, what, opts) {
		return this.step(what, () => this.page.getByRole(role, { name, exact: true })
		    .click(), opts);
	}

	// Follows the link of the page header's navigation with this name.
	async nav(name, opts) {
		return this.step(`follows "${name}" in the header`,
		    () => this.page.locator('header nav').getByRole('link', { name, exact: true }).click(),
		    opts);
	}

	async text(selector = 'main') {
		try {
			return await this.page.locator(selector).first().innerText({ timeout: 2000 });
		} catch (e) {
			return '';
		}
	}

	async screenshot(name) {
		const file = join(outDir, name);
		try {
			await this.page.screenshot({ path: file, fullPage: true });
			say(`artefact: ${file}`);
			return ok(true, `${this.name}: full-page screenshot ${name}`);
		} catch (e) {
			return ok(false, `${this.name}: full-page screenshot ${name}`, e.message);
		}
	}
}

// S as a regular expression matching exactly S.
// --- accessibility: axe-core ---------------------------------------------------

const AXE = require.resolve('axe-core/axe.min.js');

// A context that sees what USER sees (their cookies) in which axe-core can
// run: the pages have no script of their own and forbid any (CSP), so a
// second context with scripts allowed and CSP bypassed renders them the
// same and lets the checker in, while USER's stays JavaScript-free.
export async function axeContext(browser, user, viewport) {
	const context = await browser.newContext({
		storageState: await user.context.storageState(),
		javaScriptEnabled: true,
		bypassCSP: true,
		baseURL: base,
		viewport,
		locale: 'en-IN',
		timezoneId: 'Asia/Kolkata',
	});
	const page = await context.newPage();
	page.setDefaultTimeout(STEP_TIMEOUT);
	page.setDefaultNavigationTimeout(STEP_TIMEOUT);
	return { context, page };
}

// axe-core's violations on PATH, as sentences: every rule it runs
// (WCAG 2.1 A and AA and its best practices), each with the first few
// elements it found.
export async function axeViolations(axe, path) {
	await axe.page.goto(path);
	await axe.page.addScriptTag({ path: AXE });
	const result = await axe.page.evaluate(() =>
	    window.axe.run(document, { resultTypes: ['violations'] }));
	return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: `
	    + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')
	    + (v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''));
}

export function escape(s) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// USER signs in as USERNAME through the sign-in form and lands on HOME
// (the sample accounts' password unless told).
export async function signIn(user, username, home, password = 'password123') {
	await user.goto('/login', `${username} opens the sign-in page`);
	await user.page.fill('#username', username);
	await user.page.fill('#password', password);
	await user.click('button', 'Sign in', `${username} signs in`,
	    { statuses: [303, 200], path: new RegExp('^' + escape(home) + '$') });
}

// The ids of this process's children (Chromium runs in its own process
// group; the test kills that group should the script die).
export function children() {
	const pids = [];
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid === process.pid)
				pids.push(Number(pid));
		} catch (e) {
			// gone meanwhile
		}
	}
	return pids;
}

// --- main -------------------------------------------------------------------

// Starts Chromium, reports its process, runs JOURNEY(browser), and closes
// the browser however the journey ends; then prints the plan and exits.
// BEFORE runs first, for checks of the journey's inputs; TIMEOUT (ms) ends
// a journey that hangs, as a failed check.
export async function run(journey, { timeout = 100000, before } = {}) {
	if (!ok(existsSync(CHROMIUM), `${CHROMIUM} exists (Debian's chromium package)`))
		process.exit(plan() || 1);
	if (before)
		await before();
	let browser;
	const watchdog = setTimeout(async () => {
		ok(false, `the journey ends within ${timeout / 1000} s`);
		if (browser)
			await browser.close().catch(() => {});
		process.exit(plan() || 1);
	}, timeout);
	try {
		browser = await launch();
		ok(true, `Chromium ${browser.version()} starts headless`);
		await journey(browser);
	} catch (e) {
		ok(false, 'the journey runs to its end', e.stack || e.message);
	} finally {
		if (browser)
			await browser.close().catch((e) => diag(`closing the browser: ${e.message}`));
		clearTimeout(watchdog);
	}
	process.exit(plan());
}

// Headless Chromium with nothing of its own talking to the network; each
// new child process is reported so the test can kill it should we die.
async function launch() {
	const before = new Set(children());
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
		    '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	for (const pid of children())
		if (!before.has(pid))
			say(`browser: ${pid}`);
	return browser;
}
