// journey.mjs: issue 3's booking journey in headless Chromium with JavaScript turned off (Debian's chromium, playwright-core), printing TAP for t/66-browser.t.
//
// Usage: node t/browser/journey.mjs BASE_URL ARTEFACT_DIR
//
// BASE_URL is a running stack with the sample data (t/66-browser.t starts
// one).  ARTEFACT_DIR must hold the photos to upload, before.jpg and
// after.png; the full-page screenshots are written there, and each page's
// HTML as the server sent it under pages/.  The output and the browser's
// start and end are browser.mjs's.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { User, diag, escape, is, like, ok, outDir, run, signIn } from './browser.mjs';

const JOURNEY_TIMEOUT = 100000;	// ms for the whole run

// Tomorrow at HH:MM in India Standard Time (UTC+05:30, no summer time),
// as a datetime-local field holds it.
function tomorrowAt(hhmm) {
	const ist = new Date(Date.now() + 86400000 + 330 * 60000);
	return ist.toISOString().slice(0, 11) + hhmm;
}

// --- the journey ------------------------------------------------------------

async function journey(browser) {
	const when = tomorrowAt('11:00');
	const notes = 'Gate code 42; the indoor unit drips.';
	const comment = 'Quick, tidy and polite — thank you!';
	const c = await User.open(browser, 'customer1');
	const v = await User.open(browser, 'vendor1');

	// The setting itself: a script in a page of this context does not run.
	const probe = await c.context.newPage();
	await probe.setContent('<p id="probe">static</p><script>document.getElementById("probe").textContent = "scripted";</script>');
	is(await probe.locator('#probe').innerText(), 'static',
	    'JavaScript is off in the browser contexts');
	await probe.close();

	// customer1 signs in, finds AC Repair and books it for tomorrow 11:00.
	await signIn(c, 'customer1', '/');
	is(await c.page.locator('header .badge').count(), 0,
	    'customer1 starts with no unread notifications');
	await c.nav('Services', { path: /^\/services$/ });
	await c.click('link', 'AC Repair', 'follows AC Repair', { path: /^\/services\/1$/ });
	is(await c.text('h1'), 'AC Repair', 'the service page is AC Repair');
	if (!await c.click('link', 'Book this service', 'follows "Book this service"',
	    { path: /^\/bookings\/new\?service_id=1$/ })) {
		diag('BUG: no "Book this service" link on /services/1; going to the form by its URL');
		await c.goto('/bookings/new?service_id=1');
	}
	is(await c.page.inputValue('#address'), '12 Janpath, Connaught Place, New Delhi',
	    'the address is pre-filled');
	is(await c.page.inputValue('#pincode'), '110001', 'the pincode is pre-filled');
	is(await c.page.getAttribute('#scheduled_date', 'type'), 'datetime-local',
	    'the typed date and time (the fallback) is a datetime-local picker');
	// Booking by slots: tomorrow's link keeps the fields, then 11:00.
	await c.click('link', /^Tomorrow, /, 'chooses tomorrow',
	    { path: /^\/bookings\/new\?service_id=1&day=\d{4}-/ });
	is(await c.page.inputValue('#pincode'), '110001', 'the day link keeps the pincode');
	await c.page.check('#slot-1100');
	await c.page.fill('#notes', notes);
	await c.screenshot('booking-form.png');
	await c.click('button', 'Book now', `books AC Repair for ${when}`,
	    { statuses: [303, 200], path: /^\/bookings\/\d+$/ });
	const id = (new URL(c.page.url()).pathname.match(/^\/bookings\/(\d+)$/) || [])[1];
	if (!ok(id, `the booking has an id (${id})`))
		return;
	like(await c.text('h1'), new RegExp(`^Booking #${id}: AC Repair$`), 'the booking page names it');
	is(await c.text('.lead .status'), 'Waiting for a vendor', 'the booking is "Waiting for a vendor"');
	like(await c.text(), new RegExp(escape(notes)), 'with the notes');

	// vendor1 finds it on the job board and accepts it.
	await signIn(v, 'vendor1', '/vendor/');
	await v.nav('Job board', { path: /^\/vendor\/jobs$/ });
	await v.click('link', `#${id} AC Repair`, `opens job ${id} from the board`,
	    { path: new RegExp(`^/vendor/bookings/${id}$`) });
	await v.click('button', 'Accept job', 'accepts the job',
	    { statuses: [303, 200], path: new RegExp(`^/vendor/bookings/${id}\\?notice=accepted$`) });
	like(await v.text('.notice'), /The job is yours/, 'the vendor is told the job is theirs');
	is(await v.text('.lead .status'), 'Accepted', 'the job is Accepted');

	// customer1 sees the start code, a notification, and writes.
	await c.goto(`/bookings/${id}`, 'reloads the booking');
	is(await c.text('.lead .status'), 'Accepted', 'customer1 sees Accepted');
	is((await c.page.locator('header .badge').textContent().catch(() => '')).replace(/\s+/g, ' '),
	    '1 unread', 'the header shows 1 unread notification');
	const code = (await c.text('p.otp')).trim();
	like(code, /^\d{6}$/, 'customer1 sees a 6-digit start code');
	await c.page.fill('#body', 'Please ring the bell twice.');
	await c.click('button', 'Send', 'sends a message', { statuses: [303, 200] });
	like(await c.text('.thread'), /Please ring the bell twice\./, 'the message is in the thread');

	// vendor1 answers, then starts the job with the code.
	await v.goto(`/vendor/bookings/${id}`, 'reloads the job');
	like(await v.text('.thread'), /Please ring the bell twice\./, 'vendor1 reads the message');
	await v.page.fill('#body', 'On my way, 10 minutes.');
	await v.click('button', 'Send', 'answers', { statuses: [303, 200] });
	like(await v.text('.thread'), /Please ring the bell twice\.[\s\S]*On my way, 10 minutes\./,
	    'both messages, oldest first');
	await v.page.fill('#otp', code);
	await v.click('button', 'Start job', 'starts the job with the code',
	    { statuses: [303, 200], path: new RegExp(`^/vendor/bookings/${id}\\?notice=started$`) });
	is(await v.text('.lead .status'), 'In progress', 'the job is In progress');

	// Photos: a before JPEG and an after PNG through the multipart form.
	for (const [kind, file, desc] of [['before', 'before.jpg', 'Dripping indoor unit'],
	    ['after', 'after.png', 'Drain pipe cleared']]) {
		await v.page.check(`#image_type-${kind}`);
		await v.page.setInputFiles('#image', join(outDir, file));
		await v.page.fill('#description', desc);
		await v.click('button', 'Upload photo', `uploads the ${kind} photo (${file})`,
		    { statuses: [303, 200], path: new RegExp(`^/vendor/bookings/${id}\\?notice=photo-added$`) });
		like(await v.text('.photos'), new RegExp(escape(desc)),
		    `the ${kind} photo shows with its description`);
	}
	await v.screenshot('vendor-job-photos.png');
	await v.click('button', 'Mark the job completed', 'completes the job',
	    { statuses: [303, 200], path: new RegExp(`^/vendor/bookings/${id}\\?notice=completed$`) });
	is(await v.text('.lead .status'), 'Completed', 'the job is Completed');
	await v.click('button', 'Ask the customer to sign', 'asks for the signature',
	    { statuses: [303, 200], path: new RegExp(`^/vendor/bookings/${id}\\?notice=signature-requested$`) });
	is(await v.text('.lead .status'), "Waiting for the customer's signature",
	    'the job waits for the signature, in words for the vendor');

	// customer1 sees the photos, signs with 5 and a comment.
	c.images = [];
	await c.goto(`/bookings/${id}`, 'reloads the booking');
	is(await c.text('.lead .status'), 'Waiting for your signature',
	    'customer1 is asked to sign');
	is(await c.page.locator('.photos img').count(), 2, 'customer1 sees two photos');
	is(c.images.filter((i) => /^\/photos\/\d+$/.test(i.path))
	    .map((i) => `${i.status} ${i.type}`).sort().join(', '),
	    '200 image/jpeg, 200 image/png', 'the browser loaded both photos (JPEG and PNG)');
	await c.click('link', 'Check the work and pay', 'follows "Check the work and pay"',
	    { path: /^\/signatures\/\d+\/sign$/ });
	const sid = (new URL(c.page.url()).pathname.match(/^\/signatures\/(\d+)\/sign$/) || [])[1];
	like(await c.text('h1'), new RegExp(`^Check the work and pay: booking #${id}, AC Repair$`),
	    'the "Check the work and pay" page');
	is(await c.page.locator('.photos img').count(), 2, 'it shows the two photos');
	await c.page.check('#rating-5');
	await c.page.fill('#comments', comment);
	await c.page.check('#method-card');
	await c.page.fill('#name', 'Asha Rao');
	await c.page.fill('#card_number', '4242 4242 4242 4242');
	await c.page.fill('#expiry', '12/39');
	await c.page.fill('#cvv', '123');
	await c.click('button', 'Sign and pay ₹500', 'signs with rating 5 and a comment, and pays',
	    { statuses: [303, 200], path: new RegExp(`^/bookings/${id}\\?notice=signed-paid$`) });
	like(await c.text('.notice'), /Thank you: your signature is recorded and your payment is taken/,
	    'customer1 is thanked');
	is(await c.text('.lead .status'), 'Paid', 'the booking shows Paid');
	like(await c.text(), /rated 5 out of 5/, 'rated 5 out of 5');
	like(await c.text('ol.timeline'),
	    /Waiting for a vendor[\s\S]*Accepted[\s\S]*In progress[\s\S]*Completed[\s\S]*Waiting for your signature[\s\S]*Signed[\s\S]*Paid/,
	    'the timeline holds every step in order');
	await c.screenshot('customer-booking-signed.png');

	// The record's checks, and the public review.
	await c.click('link', 'The signature record and its checks', 'opens the signature record',
	    { path: new RegExp(`^/signatures/${sid}$`) });
	const checks = await c.text('.checks');
	like(checks, /Hash verified/, 'the hash check passes');
	like(checks, /Platform signature verified/, 'the Ed25519 check passes');
	await c.click('link', 'vendor1', 'follows the vendor to the public profile',
	    { path: /^\/vendors\/\d+$/ });
	for (const where of ['vendor1\'s profile', 'AC Repair']) {
		const reviews = await c.text('.reviews');
		like(reviews, /5 out of 5/, `${where} shows the rating`);
		like(reviews, new RegExp(escape(comment)), `${where} shows the comment`);
		like(await c.text('.rating-summary'), /Average rating 5\.0 out of 5 from 1 review/,
		    `${where} shows the average`);
		if (where === 'AC Repair')
			break;
		await c.click('link', 'AC Repair', 'follows the review to AC Repair',
		    { path: /^\/services\/1$/ });
	}

	// vendor1's view at the end.
	await v.goto(`/vendor/bookings/${id}`, 'reloads the job');
	is(await v.text('.lead .status'), 'Paid', 'vendor1 sees the job Paid');
	await v.screenshot('vendor-job.png');
}

// --- main -------------------------------------------------------------------

await run(journey, {
	timeout: JOURNEY_TIMEOUT,
	before() {
		for (const file of ['before.jpg', 'after.png'])
			ok(existsSync(join(outDir, file)), `the photo to upload is there: ${file}`);
	},
});
