// onboarding.mjs: a newcomer becomes a verified vendor in headless Chromium with JavaScript off (apply, the SMS code, documents, the onboarding manager's review), printing TAP for t/91-onboarding-browser.t.
//
// Usage: node t/browser/onboarding.mjs BASE_URL ARTEFACT_DIR
//
// BASE_URL is a running stack with the sample data and no background
// worker.  ARTEFACT_DIR must hold the documents to upload, id-proof.pdf
// and address-proof.png; the screenshots are written there, each page's
// HTML under pages/.  The SMS with the phone code is delivered by running
// HS_CTL run-due (homeserve-ctl, with the stack's environment: HOMESERVE_DATA
// and the rest) and read from $HOMESERVE_DATA/log/sms.log.  The output and
// the browser's start and end are browser.mjs's.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { User, diag, escape, is, like, ok, outDir, run, signIn } from './browser.mjs';

const JOURNEY_TIMEOUT = 100000;	// ms for the whole run
const CTL = process.env.HS_CTL;
const DATA = process.env.HOMESERVE_DATA;
const USERNAME = 'electrician7';
const PASSWORD = 'bright-spark-7';
const PHONE = '+919812345678';	// "98123 45678" as the application stores it
const ID_PROOF = join(outDir, 'id-proof.pdf');
const ADDRESS_PROOF = join(outDir, 'address-proof.png');

// The newest code the SMS log holds for PHONE, after one pass of the
// background worker (the stack runs none of its own) has delivered it.
function smsCode(phone) {
	try {
		execFileSync(CTL, ['run-due'], { env: process.env, timeout: 20000,
		    stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (e) {
		diag(`${CTL} run-due failed: ${e.message}\n${e.stderr || ''}`);
		return undefined;
	}
	const codes = readFileSync(join(DATA, 'log', 'sms.log'), 'utf8').split('\n')
	    .map((line) => line.match(/^\S+ (\S+) .*\bcode is (\d{6})\b/))
	    .filter((m) => m && m[1] === phone);
	return codes.length ? codes[codes.length - 1][2] : undefined;
}

// The newcomer fills in the application form, found from the home page.
async function apply(v) {
	await v.goto('/', 'an anonymous visitor opens the home page');
	await v.step('follows "join HomeServe" under "Are you a professional?"',
	    () => v.page.getByRole('region', { name: 'Are you a professional?' })
		.getByRole('link', { name: 'join HomeServe', exact: true }).click(),
	    { path: /^\/vendor\/apply$/ });
	const label = (name) => v.page.getByLabel(name, { exact: true });
	await label('Business or trading name').fill('Bright Spark Electricals');
	await label('Years of experience').fill('9');
	await label('Plumbing').check();
	await label('Electrical').check();
	await label('Pincodes you serve').fill('110001, 110005');
	await label('Your address').fill('7 Khan Market, New Delhi');
	await label('Your pincode').fill('110003');
	await label('Mobile number').fill('98123 45678');
	await label('Email').fill(`${USERNAME}@example.test`);
	await label('Username').fill(USERNAME);
	await label('Password').fill(PASSWORD);
	await label('Password again').fill(PASSWORD);
	await v.screenshot('vendor-apply.png');
	await v.click('button', 'Apply', 'applies',
	    { statuses: [303, 200], path: /^\/vendor\/phone\?notice=applied$/ });
	like(await v.text('.notice'), /We sent a 6-digit code by SMS/, 'the vendor is told a code is coming');
	like(await v.text(), new RegExp(`We sent a 6-digit code by SMS to ${escape(PHONE)}`),
	    'the code page names the number');
}

// The code from the SMS proves the number.
async function verifyPhone(v) {
	const code = smsCode(PHONE);
	if (!like(code, /^\d{6}$/, `the SMS log has a 6-digit code for ${PHONE}`))
		return;
	await v.page.getByLabel('Code', { exact: true }).fill(code);
	await v.click('button', 'Verify', 'types the code from the SMS',
	    { statuses: [303, 200], path: /^\/vendor\/application\?notice=phone-verified$/ });
	like(await v.text('ol.checklist'), new RegExp(`Mobile number ${escape(PHONE)}: verified`),
	    'the checklist shows the number verified');
}

// An ID proof (PDF) and an address proof (PNG) through the upload form,
// then the application goes in.
async function documents(v) {
	await v.click('link', 'Your documents', 'follows "Your documents"',
	    { path: /^\/vendor\/documents$/ });
	for (const [type, file] of [['ID proof', ID_PROOF], ['Address proof', ADDRESS_PROOF]]) {
		await v.page.getByLabel('Document', { exact: true }).selectOption({ label: type });
		await v.page.getByLabel('File', { exact: true }).setInputFiles(file);
		await v.click('button', 'Upload', `uploads the ${type} (${file.split('/').pop()})`,
		    { statuses: [303, 200], path: /^\/vendor\/documents\?notice=document-added$/ });
	}
	for (const type of ['ID proof', 'Address proof'])
		like(await v.text('ul.documents'), new RegExp(`${type}: Waiting for review`),
		    `the ${type} is waiting for review`);
	await v.click('link', 'Your application', 'goes back to the application',
	    { path: /^\/vendor\/application$/ });
	await v.click('button', 'Submit the application', 'submits the application',
	    { statuses: [303, 200], path: /^\/vendor\/application\?notice=submitted$/ });
	is(await v.text('.lead .status'), 'Submitted for review', 'the application is Submitted for review');
}

// The onboarding manager finds the application in the queue.
async function findInQueue(o) {
	await signIn(o, 'onboard_mgr', '/ops/');
	await o.nav('Vendors', { path: /^\/ops\/vendors$/ });
	await o.page.getByLabel('Status', { exact: true }).selectOption({ label: 'Submitted for review' });
	await o.click('button', 'Show', 'shows the vendors submitted for review',
	    { path: /^\/ops\/vendors\?status=submitted(&q=)?$/ });
	like(await o.text('table'), new RegExp(`${USERNAME}[\\s\\S]*Submitted for review`),
	    `${USERNAME} is in the queue, submitted for review`);
	await o.click('link', USERNAME, `opens ${USERNAME}`, { path: /^\/ops\/vendors\/\d+$/ });
	return new URL(o.page.url()).pathname;
}

// The PNG is shown in the page; the PDF is a download, never shown.
async function checkDocuments(o, page) {
	const img = o.page.getByRole('img', { name: `Address proof uploaded by ${USERNAME}`, exact: true });
	is(await img.count(), 1, 'the address proof (PNG) is shown as an image');
	is(o.images.filter((i) => i.path.startsWith(`${page}/documents/`))
	    .map((i) => `${i.status} ${i.type}`).join(', '), '200 image/png',
	    'the browser loaded it as a PNG');
	const link = o.page.getByRole('link', { name: 'Download the ID proof (PDF)', exact: true });
	if (!is(await link.count(), 1, 'the ID proof (PDF) is offered as a download link'))
		return;
	try {
		const [download] = await Promise.all([o.page.waitForEvent('download'), link.click()]);
		like(download.suggestedFilename(), /^id_proof-\d+\.pdf$/, 'following it downloads the PDF');
		ok(readFileSync(await download.path()).equals(readFileSync(ID_PROOF)),
		    'the download is the PDF the vendor uploaded');
	} catch (e) {
		ok(false, 'following it downloads the PDF', e.message.split('\n')[0]);
	}
}

// Both documents accepted, the vendor approved.
async function review(o) {
	const page = await findInQueue(o);
	await checkDocuments(o, page);
	for (const type of ['ID proof', 'Address proof'])
		await o.click('button', `Accept the ${type}`, `accepts the ${type}`,
		    { statuses: [303, 200], path: new RegExp(`^${page}\\?notice=document-accepted$`) });
	await o.click('button', 'Approve', `approves ${USERNAME}`,
	    { statuses: [303, 200], path: new RegExp(`^${page}\\?notice=vendor-approved$`) });
	is(await o.text('.lead .status'), 'Verified', `${USERNAME} is Verified`);
	await o.screenshot('ops-vendor.png');
}

async function journey(browser) {
	const v = await User.open(browser, USERNAME);
	const o = await User.open(browser, 'onboard_mgr');
	await apply(v);
	await verifyPhone(v);
	await documents(v);
	await review(o);
	await v.goto('/vendor/application', 'reloads the application');
	is(await v.text('.lead .status'), 'Verified', 'the vendor sees Verified');
	await v.nav('Job board', { path: /^\/vendor\/jobs$/ });
}

await run(journey, {
	timeout: JOURNEY_TIMEOUT,
	before() {
		ok(CTL && existsSync(CTL), 'HS_CTL names homeserve-ctl', `HS_CTL=${CTL}`);
		ok(DATA && existsSync(join(DATA, 'log')), 'HOMESERVE_DATA names the stack\'s data dir',
		    `HOMESERVE_DATA=${DATA}`);
		for (const file of [ID_PROOF, ADDRESS_PROOF])
			ok(existsSync(file), `the document to upload is there: ${file.split('/').pop()}`);
	},
});
