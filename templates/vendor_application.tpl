{{%AUTOESCAPE context="HTML"}}
<h1>Your application</h1>
{{#problem}}<p class="error-summary" role="alert">{{message}}</p>{{/problem}}
<p class="lead">Status: <span class="status status-{{status}}">{{status_label}}</span></p>
{{#is_applied}}<p>Verify your mobile number and upload your documents, then submit the application.</p>{{/is_applied}}
{{#is_submitted}}<p>Our onboarding team is checking your application. We will tell you by email and SMS.</p>{{/is_submitted}}
{{#is_needs_info}}<p>Our onboarding team needs more from you: see below, change what they ask for, and submit again.</p>{{/is_needs_info}}
{{#is_verified}}<p>You are verified: you can accept jobs on the <a href="/vendor/jobs">job board</a>.</p>{{/is_verified}}
{{#is_rejected}}<p>Your application was not accepted.</p>{{/is_rejected}}
{{#is_suspended}}<p>Your account is suspended: you can finish the jobs you hold, but not accept new ones.</p>{{/is_suspended}}
{{#is_reverify}}<p>Please re-verify: upload current documents. Until they are accepted you can finish the jobs you hold, but not accept new ones.</p>{{/is_reverify}}
{{#reason}}<p class="notice">{{text}}</p>{{/reason}}
<h2>Checklist</h2>
<ol class="checklist">
<li>Mobile number {{phone}}: {{#phone_ok}}<strong>verified</strong> ({{phone_at}}){{/phone_ok}}{{#phone_missing}}<strong>not verified</strong>. <a href="/vendor/phone">Verify it</a>{{/phone_missing}}</li>
<li>Documents: {{#docs_ok}}an ID proof and an address proof are in.{{/docs_ok}}{{#docs_missing}}<strong>an ID proof and an address proof are needed</strong>.{{/docs_missing}} <a href="/vendor/documents">Your documents</a>
<ul>
{{#document}}<li>{{type}}: <span class="status status-doc-{{status}}">{{status_label}}</span>{{#review_reason}}: {{text}}{{/review_reason}}</li>
{{/document}}{{#no_documents}}<li>None yet.</li>
{{/no_documents}}</ul></li>
</ol>
{{#can_submit}}<form method="post" action="/vendor/application/submit">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<button type="submit">Submit the application</button>
</form>
{{/can_submit}}<h2>What you told us</h2>
<dl class="facts">
<dt>Business</dt><dd>{{business_name}}</dd>
<dt>Experience</dt><dd>{{experience_years}} years</dd>
<dt>Services</dt><dd>{{#category}}{{name}}{{#category_separator}}, {{/category_separator}}{{/category}}</dd>
<dt>Pincodes</dt><dd>{{#pincode}}{{pincode}}{{#pincode_separator}}, {{/pincode_separator}}{{/pincode}}</dd>
</dl>
