{{%AUTOESCAPE context="HTML"}}
<h1>Signatures</h1>
<p class="lead">Every satisfaction signature, newest first: by when it was signed, or when it was asked for if it never was. Both checks of each signed record are worked out again as this page is shown, from what the database holds now. <a href="/signatures/verify">How to verify a record offline</a>.</p>
{{#form_errors}}<p class="error-summary" role="alert">Please correct the {{count}} filter(s) marked below.</p>{{/form_errors}}
<form class="search" method="get" action="/ops/signatures">
<div class="field">
<label for="status">Status</label>
<select id="status" name="status"{{#status_error}} aria-invalid="true" aria-describedby="status-error"{{/status_error}}>
<option value="">All statuses</option>
{{#status_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/status_option}}</select>
{{#status_error}}<p class="error" id="status-error">{{message}}</p>{{/status_error}}
</div>
<div class="field">
<label for="from">From (India time)</label>
<input id="from" name="from" type="date" value="{{from}}"{{#from_error}} aria-invalid="true" aria-describedby="from-error"{{/from_error}}>
{{#from_error}}<p class="error" id="from-error">{{message}}</p>{{/from_error}}
</div>
<div class="field">
<label for="to">To (included)</label>
<input id="to" name="to" type="date" value="{{to}}" aria-describedby="to-hint{{#to_error}} to-error{{/to_error}}"{{#to_error}} aria-invalid="true"{{/to_error}}>
<p class="hint" id="to-hint">A year at most.</p>
{{#to_error}}<p class="error" id="to-error">{{message}}</p>{{/to_error}}
</div>
<div class="field">
<label for="rating">Rating</label>
<select id="rating" name="rating"{{#rating_error}} aria-invalid="true" aria-describedby="rating-error"{{/rating_error}}>
<option value="">Any rating</option>
{{#rating_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}} out of 5</option>
{{/rating_option}}</select>
{{#rating_error}}<p class="error" id="rating-error">{{message}}</p>{{/rating_error}}
</div>
{{#page_error}}<p class="error">{{message}}</p>{{/page_error}}
<button type="submit">Show</button>
</form>
{{#export}}<p><a href="{{href}}">Download these records as CSV</a> (every page, with the signed bytes and signatures, for auditors).</p>
{{/export}}{{#some_fail}}<p class="error-summary" role="alert"><strong>{{count}} of {{checked}} signed records on this page fail their checks.</strong> A failing record was changed after it was signed: do not rely on it, and report it.</p>
{{/some_fail}}{{#all_pass}}<p class="notice">All {{checked}} signed records on this page pass both checks.</p>
{{/all_pass}}{{#no_records}}<p>No signatures match.</p>
{{/no_records}}{{#past_end}}<p>No signatures on page {{page}}: there are fewer. <a href="{{href}}">Back to the first page</a></p>
{{/past_end}}{{#table}}<div class="scroll" tabindex="0" role="region" aria-label="Signature records, newest first">
<table class="vault rows">
<thead><tr><th scope="col">Booking</th><th scope="col">Customer</th><th scope="col">Vendor</th><th scope="col" class="num">Rating</th><th scope="col">Status</th><th scope="col">Requested</th><th scope="col">Signed</th><th scope="col">SHA-256 check</th><th scope="col">Ed25519 check</th><th scope="col">Record</th></tr></thead>
<tbody>
{{#record}}<tr{{#failing}} class="check-failing"{{/failing}}>
<td data-label="Booking"><a href="/ops/bookings/{{booking_id}}">#{{booking_id}}</a></td>
<td data-label="Customer">{{customer}}</td>
<td data-label="Vendor">{{vendor}}</td>
<td class="num" data-label="Rating">{{#signed}}{{rating}}<span class="visually-hidden"> out of 5</span>{{/signed}}{{#unsigned}}—{{/unsigned}}</td>
<td data-label="Status"><span class="status status-{{status}}">{{status_label}}</span></td>
<td data-label="Requested"><time datetime="{{requested_iso}}">{{requested}}</time></td>
<td data-label="Signed">{{#signed}}<time datetime="{{when_iso}}">{{when}}</time>{{/signed}}{{#unsigned}}—{{/unsigned}}</td>
<td data-label="SHA-256 check">{{#sha256}}{{#ok}}<span class="status status-check-ok">✓ passes</span>{{/ok}}{{#failed}}<strong class="status status-check-failed">✗ fails</strong>{{/failed}}{{#none}}<span class="muted">Not signed</span>{{/none}}{{/sha256}}</td>
<td data-label="Ed25519 check">{{#ed25519}}{{#ok}}<span class="status status-check-ok">✓ passes</span>{{/ok}}{{#failed}}<strong class="status status-check-failed">✗ fails</strong>{{/failed}}{{#none}}<span class="muted">Not signed</span>{{/none}}{{/ed25519}}</td>
<td data-label="Record"><a href="/signatures/{{id}}">Record #{{id}}</a></td>
</tr>
{{/record}}</tbody>
</table>
</div>
<nav class="pager" aria-label="Signature pages">
{{#previous}}<a href="{{href}}">Newer records</a>{{/previous}}
<span>Page {{page}}</span>
{{#next}}<a href="{{href}}">Older records</a>{{/next}}
</nav>
{{/table}}
