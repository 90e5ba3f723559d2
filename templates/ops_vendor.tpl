{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/ops/vendors">Vendors</a></p>
<h1>{{username}}</h1>
{{#problem}}<p class="error-summary" role="alert">{{message}}</p>{{/problem}}
<p class="lead">{{business}}: <span class="status status-{{status}}">{{status_label}}</span></p>
{{#reason}}<p class="notice">The reason given: {{text}}</p>{{/reason}}
{{#flag}}<p class="error">Flagged for a second look by {{by}}: {{reason}}</p>{{/flag}}
<h2>Application</h2>
<dl class="facts">
<dt>Email</dt><dd>{{email}}</dd>
<dt>Mobile</dt><dd>{{phone}}: {{#phone_ok}}verified {{at}}{{/phone_ok}}{{#phone_missing}}<strong>not verified</strong>{{/phone_missing}}</dd>
<dt>Address</dt><dd>{{address}}, {{pincode}}</dd>
<dt>Experience</dt><dd>{{experience}} years</dd>
<dt>Services</dt><dd>{{#category}}{{name}}{{#category_separator}}, {{/category_separator}}{{/category}}</dd>
<dt>Pincodes served</dt><dd>{{#pincode_served}}{{pincode}}{{#pincode_served_separator}}, {{/pincode_served_separator}}{{/pincode_served}}</dd>
{{#verified}}<dt>Verified since</dt><dd>{{at}}</dd>
{{/verified}}</dl>
<h2>Documents</h2>
{{#no_documents}}<p>No documents yet.</p>{{/no_documents}}
<ul class="documents">
{{#document}}<li class="panel">
<p><strong>{{type}}</strong>: <span class="status status-doc-{{status}}">{{status_label}}</span>{{#expires}}, valid until {{on}}{{/expires}}. Uploaded {{uploaded}}.</p>
{{#review_reason}}<p>Review: {{text}}</p>{{/review_reason}}
{{#image}}<p><img class="document" src="/ops/vendors/{{vendor_id}}/documents/{{id}}" alt="{{type}} uploaded by {{username}}"></p>{{/image}}
{{#pdf}}<p><a href="/ops/vendors/{{vendor_id}}/documents/{{id}}">Download the {{type}} (PDF)</a></p>{{/pdf}}
{{#can_review}}<form method="post" action="/ops/vendors/{{vendor_id}}/documents/{{id}}/accept">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<button type="submit">Accept<span class="visually-hidden"> the {{type}}</span></button>
</form>
<form class="stack" method="post" action="/ops/vendors/{{vendor_id}}/documents/{{id}}/reject">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="reject-{{id}}">Why the {{type}} is not accepted</label>
<textarea id="reject-{{id}}" name="reason" rows="2" maxlength="1000" required{{#reason_error}} aria-invalid="true" aria-describedby="reject-{{id}}-error"{{/reason_error}}>{{reason:pre_escape}}</textarea>
{{#reason_error}}<p class="error" id="reject-{{id}}-error">{{message}}</p>{{/reason_error}}
</div>
<button type="submit">Reject<span class="visually-hidden"> the {{type}}</span></button>
</form>
{{/can_review}}</li>
{{/document}}</ul>
{{#manager}}<section class="decisions" aria-labelledby="decisions-heading">
<h2 id="decisions-heading">Decisions</h2>
{{#action}}{{#without_reason}}<form method="post" action="/ops/vendors/{{vendor_id}}/{{name}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<button type="submit">{{button}}</button>
</form>
{{/without_reason}}{{#with_reason}}<form class="stack" method="post" action="/ops/vendors/{{vendor_id}}/{{name}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="reason-{{name}}">{{button}}: the reason, which the vendor reads</label>
<textarea id="reason-{{name}}" name="reason" rows="2" maxlength="1000" required{{#reason_error}} aria-invalid="true" aria-describedby="reason-{{name}}-error"{{/reason_error}}>{{reason:pre_escape}}</textarea>
{{#reason_error}}<p class="error" id="reason-{{name}}-error">{{message}}</p>{{/reason_error}}
</div>
<button type="submit">{{button}}</button>
</form>
{{/with_reason}}{{/action}}<form class="stack" method="post" action="/ops/vendors/{{vendor_id}}/flag">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="flag-reason">Ask for a second look: why</label>
<textarea id="flag-reason" name="reason" rows="2" maxlength="1000" required{{#flag_error}} aria-invalid="true" aria-describedby="flag-reason-error"{{/flag_error}}>{{#flag_error}}{{reason}}{{/flag_error}}</textarea>
{{#flag_error}}<p class="error" id="flag-reason-error">{{message}}</p>{{/flag_error}}
</div>
<button type="submit">Flag</button>
</form>
</section>
{{/manager}}<h2>Record</h2>
<dl class="facts">
<dt>Jobs taken</dt><dd>{{jobs}}</dd>
<dt>Completed</dt><dd>{{completed}}</dd>
<dt>Cancelled</dt><dd>{{cancelled}}</dd>
<dt>Disputed</dt><dd>{{disputed}}</dd>
<dt>Late cancellations</dt><dd>{{late_recent}} in the last 90 days, {{late_total}} in all <small>(accepted jobs given up less than the cut-off before the visit)</small></dd>
<dt>Rating</dt><dd>{{#rated}}{{rating}} out of 5 from {{reviews}} review(s){{/rated}}{{#unrated}}No reviews yet{{/unrated}}</dd>
</dl>
{{#no_jobs}}<p>No jobs yet.</p>{{/no_jobs}}
<ul class="jobs">
{{#job}}<li>Job #{{id}}: {{service}}, <time datetime="{{when_iso}}">{{when}}</time>, {{status}}</li>
{{/job}}</ul>
<h2>Timeline</h2>
<ol class="timeline">
{{#event}}<li><time datetime="{{at_iso}}">{{at}}</time>: {{to}}, by {{who}}{{#reason}} ({{text}}){{/reason}}</li>
{{/event}}</ol>
