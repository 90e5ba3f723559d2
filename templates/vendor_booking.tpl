{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/vendor/">Dashboard</a> › <a href="/vendor/jobs">Job board</a></p>
<h1>Job #{{id}}: {{service}}</h1>
<p class="lead"><span class="status status-{{status}}">{{status_label}}</span></p>
<dl class="facts">
<dt>When</dt><dd><time datetime="{{when_iso}}">{{when}}</time> (about {{duration}} minutes)</dd>
<dt>Where</dt><dd>{{#mine}}{{address}}, {{pincode}}{{/mine}}{{#not_mine}}Pincode {{pincode}}{{/not_mine}}</dd>
<dt>Customer</dt><dd>{{#mine}}{{customer}}{{/mine}}{{#not_mine}}Their name, house address and notes are shown once you accept the job.{{/not_mine}}</dd>
<dt>Price</dt><dd class="price">{{price}}</dd>
{{#has_notes}}<dt>Customer's notes</dt><dd>{{notes}}</dd>{{/has_notes}}
</dl>
{{#can_accept}}<div class="actions">
<form method="post" action="/vendor/bookings/{{id}}/accept" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit">Accept job</button></form>
<form method="post" action="/vendor/bookings/{{id}}/decline" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="link">Decline</button></form>
</div>{{/can_accept}}
{{#can_start}}<section class="panel" aria-labelledby="start-heading">
<h2 id="start-heading">Start the job</h2>
<form class="stack" method="post" action="/vendor/bookings/{{id}}/start">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="otp">Start code from the customer</label>
<input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required{{#otp_error}} aria-invalid="true" aria-describedby="otp-error"{{/otp_error}}>
{{#otp_error}}<p class="error" id="otp-error">{{message}}</p>{{/otp_error}}
</div>
<button type="submit">Start job</button>
</form>
</section>{{/can_start}}
{{#start_not_yet}}<section class="panel" aria-labelledby="start-heading">
<h2 id="start-heading">Start the job</h2>
<p role="status">{{message}}</p>
</section>{{/start_not_yet}}
{{#can_release}}<section class="panel" aria-labelledby="release-heading">
<h2 id="release-heading">Give the job back</h2>
<p>If you cannot come, the job goes back on the job board for another professional and the customer is told.{{#late}} <strong>The visit is less than {{cutoff}} hours away: giving it back now counts as a late cancellation on your record.</strong>{{/late}}</p>
<form class="stack" method="post" action="/vendor/bookings/{{id}}/release">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="release-reason">Why can you not come? <small>(the customer sees this)</small></label>
<textarea id="release-reason" name="reason" rows="2" maxlength="500" required{{#release_error}} aria-invalid="true" aria-describedby="release-reason-error"{{/release_error}}>{{release_draft:pre_escape}}</textarea>
{{#release_error}}<p class="error" id="release-reason-error">{{message}}</p>{{/release_error}}
</div>
<button type="submit" class="danger">Give the job back</button>
</form>
</section>{{/can_release}}
{{#start_locked}}<p class="error-summary" role="alert">Starting this job is locked after 5 wrong codes. The operations team has been told.</p>{{/start_locked}}
{{#can_upload}}<section class="panel" aria-labelledby="upload-heading">
<h2 id="upload-heading">Add a photo</h2>
<form class="stack" method="post" action="/vendor/bookings/{{id}}/photos" enctype="multipart/form-data">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<fieldset>
<legend>Photo taken</legend>
<div class="field check"><input id="image_type-before" name="image_type" type="radio" value="before" checked><label for="image_type-before">Before the work</label></div>
<div class="field check"><input id="image_type-after" name="image_type" type="radio" value="after"><label for="image_type-after">After the work</label></div>
</fieldset>
<div class="field">
<label for="image">Photo (JPEG, PNG or WebP, up to {{photo_max_mb}} MB)</label>
<input id="image" name="image" type="file" accept="image/jpeg,image/png,image/webp" required{{#upload_error}} aria-invalid="true" aria-describedby="image-error"{{/upload_error}}>
{{#upload_error}}<p class="error" id="image-error">{{message}}</p>{{/upload_error}}
</div>
<div class="field">
<label for="description">Description <small>(optional)</small></label>
<input id="description" name="description" maxlength="300">
</div>
<button type="submit">Upload photo</button>
</form>
</section>{{/can_upload}}
{{#can_complete}}<form method="post" action="/vendor/bookings/{{id}}/complete"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit">Mark the job completed</button></form>{{/can_complete}}
{{#can_request_signature}}<form method="post" action="/vendor/bookings/{{id}}/request-signature"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit">Ask the customer to sign</button></form>{{/can_request_signature}}
{{>signature}}
{{>dispute}}
{{>payment}}
{{>photos}}
{{#mine}}<section aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
{{>timeline}}
</section>{{/mine}}
{{>thread}}
