{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="{{booking_url}}">Booking #{{id}}</a></p>
<h1>Satisfaction signature for booking #{{id}}</h1>
<p class="lead"><span class="status status-{{signature_status}}">{{signature_status_label}}</span></p>
<dl class="facts">
<dt>Service</dt><dd>{{service}}</dd>
<dt>Customer</dt><dd>{{customer}}</dd>
<dt>Vendor</dt><dd>{{#vendor}}<a href="/vendors/{{vendor_id}}">{{vendor_name}}</a>{{/vendor}}</dd>
<dt>Price</dt><dd class="price">{{price}}</dd>
<dt>Requested</dt><dd><time datetime="{{requested_at_iso}}">{{requested_at}}</time></dd>
<dt>Deadline</dt><dd><time datetime="{{deadline_iso}}">{{deadline}}</time></dd>
{{#signed}}<dt>Signed</dt><dd><time datetime="{{signed_at_iso}}">{{signed_at}}</time> ({{signed_at_iso}})</dd>
<dt>Rating</dt><dd>{{rating_text}}</dd>
{{#has_comments}}<dt>Comments</dt><dd class="comments">{{comments}}</dd>
{{/has_comments}}{{/signed}}{{#rejected}}<dt>Rejected because</dt><dd class="comments">{{reason}}</dd>
{{/rejected}}</dl>
{{#requested}}<p>The customer has not signed yet.</p>
{{#can_sign}}<p><a class="button" href="{{sign_url}}">Check the work and pay</a></p>
{{/can_sign}}{{/requested}}{{#expired}}<p>The time to sign passed without a signature.</p>
{{/expired}}{{#rejected}}<p>The customer rejected the work instead of signing: the booking is disputed.</p>
{{/rejected}}{{#signed}}<section aria-labelledby="checks-heading" class="panel">
<h2 id="checks-heading">Checks</h2>
<ul class="checks">
{{#hash_ok}}<li class="check-ok">Hash verified: the stored SHA-256 matches the booking, customer, time and rating.</li>
{{/hash_ok}}{{#hash_failed}}<li class="check-failed"><strong>Hash check failed:</strong> the stored SHA-256 does not match the stored fields.</li>
{{/hash_failed}}{{#sig_ok}}<li class="check-ok">Platform signature verified: HomeServe's Ed25519 signature matches this record.</li>
{{/sig_ok}}{{#sig_failed}}<li class="check-failed"><strong>Platform signature check failed:</strong> the record was changed after it was signed.</li>
{{/sig_failed}}</ul>
{{#all_ok}}<p>Both checks pass: this record is exactly as the customer signed it.</p>
{{/all_ok}}{{#tampered}}<p class="error" role="alert">This record does not match what was signed. Do not rely on it; report it to HomeServe's operations team.</p>
{{/tampered}}</section>
<section aria-labelledby="record-heading">
<h2 id="record-heading">The signed record</h2>
<p>SHA-256 of <code>{{hash_input}}</code>:</p>
<p><code class="hash">{{sha256}}</code></p>
<p>The platform signs this text (Ed25519):</p>
<pre class="record">{{record:pre_escape}}</pre>
<p>Signature (base64): <code class="hash">{{ed25519}}</code></p>
<h3>Check it yourself</h3>
<p>Download <a href="{{record_txt_url}}">record.txt</a>, <a href="{{record_sig_url}}">record.sig</a> and HomeServe's <a href="{{public_key_url}}">public-key.pem</a> into one folder, then run:</p>
<pre><code>{{command}}</code></pre>
<p>OpenSSL answers “Signature Verified Successfully” when the record is genuine.</p>
<p><a href="/signatures/verify">How to verify a record offline</a>: every step, the hash and the comments included.</p>
</section>
{{/signed}}
