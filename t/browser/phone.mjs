// phone.mjs: every GET page of every role at a phone's width (375 px) and a desktop's (1280 px) in headless Chromium with JavaScript off, failing on sideways scrolling, a tall header, small touch targets or a broken menu; prints TAP for t/116-phone-browser.t.
//
// Usage: node t/browser/phone.mjs BASE_URL ARTEFACT_DIR PAGES_JSON
//
// PAGES_JSON (written by t/116-phone-browser.t from the route tables) is
// {"users": [{"name", "username", "password", "home"}], "pages": [{"user", "path", "route"}]};
// a user without a username is a signed-out visitor.  For each user and
// each width, every page of theirs is loaded and measured:
//   - the document is no wider than the viewport (else: which element
//     reaches furthest right, and its ancestors);
//   - at 375 px the header is at most HEADER_MAX px tall, and the label of
//     every radio button and checkbox is at least 44 px tall;
//   - at 375 px the menu is a closed <details> whose links show once it
//     is opened; at 1280 px its links show without opening it.
// One check per page and width, so a failure names the page.  Then
// axe-core runs on every page at 375 px (in a second context that allows
// its script: see axeContext in browser.mjs) and each violation fails.  Each user's
// home is kept as a screenshot at both widths and with the menu open; with
// HS_PHONE_SHOTS=1 every page is, at 375 px, under ARTEFACT_DIR/shots/.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { User, axeContext, axeViolations, diag, ok, outDir, run, say, signIn } from './browser.mjs';

const PHONE = 375;
const DESKTOP = 1280;
const HEIGHT = 812;
const HEADER_MAX = 70;	// px: one line on a phone
const TOUCH_MIN = 44;	// px: the smallest touch target
const TIMEOUT = 400000;	// ms for the whole run

const spec = JSON.parse(readFileSync(process.argv[4], 'utf8'));
const shots = process.env.HS_PHONE_SHOTS ? join(outDir, 'shots') : null;
if (shots)
	mkdirSync(shots, { recursive: true });
let shotNo = 0;

async function screenshot(user, file) {
	try {
		await user.page.screenshot({ path: file, fullPage: true });
		say(`artefact: ${file}`);
	} catch (e) {
		diag(`screenshot ${file}: ${e.message.split('\n')[0]}`);
	}
}

// What the page looks like, measured in the page (no page script runs:
// this is the test's own evaluation).
function measure() {
	const root = document.documentElement;
	const vw = root.clientWidth;
	const sw = root.scrollWidth;
	const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
	    + [...e.classList].map((c) => '.' + c).join('');
	let widest = '';
	if (sw > vw) {
		let right = vw, found = null;
		for (const e of document.body.querySelectorAll('*')) {
			const r = e.getBoundingClientRect();
			if (r.right > right + 0.5) {
				right = r.right;
				found = e;
			}
		}
		if (found) {
			const parts = [];
			for (let e = found; e && e !== document.body && parts.length < 5; e = e.parentElement)
				parts.unshift(name(e));
			widest = `${parts.join(' > ')} reaches ${Math.round(right)} px: `
			    + JSON.stringify((found.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60));
		}
	}
	const header = document.querySelector('header.site');
	const small = [];
	for (const input of document.querySelectorAll('input[type="radio"], input[type="checkbox"]')) {
		if (!input.checkVisibility())
			continue;
		if (!input.labels || input.labels.length === 0)
			small.push(`#${input.id} has no label`);
		for (const label of input.labels || []) {
			const h = label.getBoundingClientRect().height;
			if (h < 43.5)
				small.push(`the label of #${input.id} is ${Math.round(h)} px tall`);
		}
	}
	const summary = document.querySelector('header details.menu > summary');
	const link = document.querySelector('header details.menu nav a');
	const menu = document.querySelector('header details.menu');
	return {
		vw, sw, widest, small,
		header: header ? Math.round(header.getBoundingClientRect().height) : -1,
		summary: !!summary && summary.checkVisibility(),
		links: !!link && link.checkVisibility(),
		open: !!menu && menu.open,
	};
}

// The problems of the page USER is on at WIDTH, as sentences.
async function problems(user, width) {
	const m = await user.page.evaluate(measure);
	const found = [];
	if (m.sw > m.vw)
		found.push(`the document is ${m.sw} px wide in a ${m.vw} px viewport; ${m.widest}`);
	if (m.header < 0)
		found.push('no header.site');
	if (width === PHONE) {
		if (m.header > HEADER_MAX)
			found.push(`the header is ${m.header} px tall (at most ${HEADER_MAX})`);
		found.push(...m.small.map((s) => `${s} (at least ${TOUCH_MIN})`));
		if (!m.summary || m.links || m.open)
			found.push('the menu is not a closed "Menu" button hiding the links');
	} else if (m.summary || !m.links) {
		found.push('the menu\'s links do not show in the header without opening it');
	}
	return found;
}

async function visit(user, width, page) {
	let status = 0;
	let found;
	try {
		const res = await user.page.goto(page.path);
		status = res ? res.status() : 0;
		await user.page.waitForLoadState('load');
		found = await problems(user, width);
	} catch (e) {
		found = [e.message.split('\n')[0]];
	}
	if (status >= 500)
		found.push(`HTTP ${status}`);
	const landed = new URL(user.page.url());
	const where = landed.pathname + landed.search === page.path ? '' : ` (landed on ${landed.pathname})`;
	ok(found.length === 0, `${user.name} at ${width} px: ${page.path}${where} fits (HTTP ${status})`,
	    found.join('\n'));
	if (shots && width === PHONE)
		await screenshot(user, join(shots, `${String(++shotNo).padStart(3, '0')}-${user.name}`
		    + `${page.path.replace(/[^a-z0-9]+/gi, '-')}.png`));
}

// At 375 px the menu opens without a script and shows its links.
async function menuOpens(user) {
	try {
		await user.page.locator('header details.menu > summary').click();
		const m = await user.page.evaluate(measure);
		ok(m.open && m.links && m.sw <= m.vw,
		    `${user.name} at ${PHONE} px: "Menu" opens and shows the links within the screen`,
		    JSON.stringify(m));
	} catch (e) {
		ok(false, `${user.name} at ${PHONE} px: "Menu" opens`, e.message.split('\n')[0]);
	}
}

async function journey(browser) {
	for (const who of spec.users) {
		const user = await User.open(browser, who.name);
		const pages = spec.pages.filter((p) => p.user === who.name);
		await user.page.setViewportSize({ width: PHONE, height: HEIGHT });
		if (who.username)
			await signIn(user, who.username, who.home, who.password);
		for (const width of [PHONE, DESKTOP]) {
			await user.page.setViewportSize({ width, height: HEIGHT });
			for (const page of pages)
				await visit(user, width, page);
			await user.page.goto(who.home || '/');
			await screenshot(user, join(outDir, `${who.name}-${width}.png`));
			if (width === PHONE) {
				await menuOpens(user);
				await screenshot(user, join(outDir, `${who.name}-${width}-menu.png`));
			}
		}
		// axe-core on every page, once, at a phone's width.
		const axe = await axeContext(browser, user, { width: PHONE, height: HEIGHT });
		for (const page of pages) {
			let found;
			try {
				found = await axeViolations(axe, page.path);
			} catch (e) {
				found = [e.message.split('\n')[0]];
			}
			ok(found.length === 0, `${user.name}: ${page.path} has no axe-core violations`,
			    found.join('\n'));
		}
		await axe.context.close();
		diag(`${who.name}: ${pages.length} pages at ${PHONE} and ${DESKTOP} px, and through axe-core`);
		await user.context.close();
	}
}

run(journey, { timeout: TIMEOUT });
