{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/bookings">My bookings</a> › <a href="/bookings/{{id}}">Booking #{{id}}</a></p>
<h1>Check the work and pay: booking #{{id}}, {{service}}</h1>
<dl class="facts">
<dt>Service</dt><dd>{{service}}</dd>
<dt>When</dt><dd><time datetime="{{when_iso}}">{{when}}</time></dd>
<dt>Where</dt><dd>{{address}}, {{pincode}}</dd>
<dt>Vendor</dt><dd>{{#vendor}}<a href="/vendors/{{vendor_id}}">{{vendor_name}}</a>{{/vendor}}</dd>
<dt>Amount</dt><dd class="price">{{amount}}</dd>
<dt>Sign by</dt><dd><time datetime="{{deadline_iso}}">{{deadline}}</time> (India Standard Time)</dd>
</dl>
{{#closed}}<p class="error" role="alert">{{message}}</p>
<p><a href="{{view_url}}">See the signature record</a></p>
{{/closed}}{{#open}}{{#problem}}<p class="error-summary" role="alert">{{message}}</p>
{{/problem}}{{#error_summary}}<div class="error-summary" role="alert">
<p>Please correct the {{count}} field(s) marked below:</p>
<ul>
{{#error_link}}<li><a href="#{{field}}">{{message}}</a></li>
{{/error_link}}</ul>
</div>
{{/error_summary}}{{>photos}}
<section aria-labelledby="sign-heading" class="panel">
<h2 id="sign-heading">Sign and pay: the work is done to your satisfaction</h2>
<p>Your signature records your rating and the time you signed, and takes the payment in the same step: if the payment does not go through, nothing is signed. HomeServe signs the record with its own key, so anyone can check later that it was not changed. Your rating and comments appear as a review of the service and the vendor.</p>
{{#pay_first}}<p class="notice">{{message}}</p>
{{#link}}<p><a class="button" href="{{pay_url}}">Pay {{amount}} first</a></p>
{{/link}}{{/pay_first}}{{#sign_form}}<form class="stack" method="post" action="{{sign_url}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<fieldset id="satisfaction_rating"{{#satisfaction_rating_error}} aria-describedby="satisfaction_rating-error"{{/satisfaction_rating_error}}>
<legend>How satisfied are you?</legend>
{{#rating_option}}<div class="field check">
<input id="rating-{{value}}" name="satisfaction_rating" type="radio" value="{{value}}" required{{#checked}} checked{{/checked}}>
<label for="rating-{{value}}">{{label}}</label>
</div>
{{/rating_option}}{{#satisfaction_rating_error}}<p class="error" id="satisfaction_rating-error">{{message}}</p>
{{/satisfaction_rating_error}}</fieldset>
<div class="field">
<label for="comments">Comments <small>(optional, at most 1000 characters)</small></label>
<textarea id="comments" name="comments" rows="4" maxlength="1000"{{#comments_error}} aria-invalid="true" aria-describedby="comments-error"{{/comments_error}}>{{comments:pre_escape}}</textarea>
{{#comments_error}}<p class="error" id="comments-error">{{message}}</p>
{{/comments_error}}</div>
{{#held}}<p class="payment-state"><strong>{{text}}</strong>: it is taken when you sign.</p>
{{/held}}{{#paid}}<p class="payment-state">Already paid ({{with}}): signing takes nothing more.</p>
{{/paid}}{{#pay_form}}<fieldset>
<legend>Pay {{amount}}: by card or by UPI</legend>
<p>It is taken when you sign, not before.</p>
<div class="field check">
<input id="method-card" name="method" type="radio" value="card"{{#method_card}} checked{{/method_card}}>
<label for="method-card">Card</label>
</div>
<div class="field">
<label for="name">Name on card</label>
<input id="name" name="name" value="{{name}}" autocomplete="cc-name" maxlength="100"{{#name_error}} aria-invalid="true" aria-describedby="name-error"{{/name_error}}>
{{#name_error}}<p class="error" id="name-error">{{message}}</p>{{/name_error}}
</div>
<div class="field">
<label for="card_number">Card number</label>
<input id="card_number" name="card_number" value="{{card_number}}" inputmode="numeric" autocomplete="cc-number" maxlength="23"{{#card_number_error}} aria-invalid="true" aria-describedby="card_number-error"{{/card_number_error}}>
{{#card_number_error}}<p class="error" id="card_number-error">{{message}}</p>{{/card_number_error}}
</div>
<div class="field">
<label for="expiry">Expiry date</label>
<input id="expiry" name="expiry" value="{{expiry}}" placeholder="MM/YY" autocomplete="cc-exp" maxlength="7" aria-describedby="expiry-hint{{#expiry_error}} expiry-error{{/expiry_error}}"{{#expiry_error}} aria-invalid="true"{{/expiry_error}}>
<p class="hint" id="expiry-hint">As printed on the card, like 08/29.</p>
{{#expiry_error}}<p class="error" id="expiry-error">{{message}}</p>{{/expiry_error}}
</div>
<div class="field">
<label for="cvv">Security code (CVV)</label>
<input id="cvv" name="cvv" inputmode="numeric" autocomplete="cc-csc" maxlength="4" aria-describedby="cvv-hint{{#cvv_error}} cvv-error{{/cvv_error}}"{{#cvv_error}} aria-invalid="true"{{/cvv_error}}>
<p class="hint" id="cvv-hint">3 digits on the back of the card; 4 on the front of an American Express card.</p>
{{#cvv_error}}<p class="error" id="cvv-error">{{message}}</p>{{/cvv_error}}
</div>
<div class="field check">
<input id="method-upi" name="method" type="radio" value="upi"{{#method_upi}} checked{{/method_upi}}>
<label for="method-upi">UPI</label>
</div>
<div class="field">
<label for="upi_id">UPI ID</label>
<input id="upi_id" name="upi_id" value="{{upi_id}}" placeholder="name@bank" autocomplete="off" autocapitalize="none" spellcheck="false" maxlength="256" aria-describedby="upi_id-hint{{#upi_id_error}} upi_id-error{{/upi_id_error}}"{{#upi_id_error}} aria-invalid="true"{{/upi_id_error}}>
<p class="hint" id="upi_id-hint">The UPI ID of your bank account, like rahul@okaxis. Your UPI app asks you to approve the payment.</p>
{{#upi_id_error}}<p class="error" id="upi_id-error">{{message}}</p>{{/upi_id_error}}
</div>
</fieldset>
{{/pay_form}}<button type="submit">{{submit}}</button>
</form>
{{/sign_form}}</section>
{{#pay_tests}}<details class="panel">
<summary>Test cards and UPI IDs</summary>
<p>This is HomeServe's test payment: no money moves. Any expiry date in the future, any 3-digit security code and any name.</p>
<ul>
{{#test_card}}<li><code>{{number}}</code>: {{outcome}}</li>
{{/test_card}}{{#test_upi}}<li><code>{{id}}</code>: {{outcome}}</li>
{{/test_upi}}</ul>
</details>
{{/pay_tests}}<section aria-labelledby="reject-heading" class="panel">
<h2 id="reject-heading">Not satisfied? Reject and open a dispute</h2>
<p>Tell us what went wrong. Nothing is taken while our operations team looks into it with you and the vendor.</p>
<form class="stack" method="post" action="{{reject_url}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="reason">What went wrong?</label>
<textarea id="reason" name="reason" rows="3" maxlength="1000" required{{#reason_error}} aria-invalid="true" aria-describedby="reason-error"{{/reason_error}}>{{reason:pre_escape}}</textarea>
{{#reason_error}}<p class="error" id="reason-error">{{message}}</p>
{{/reason_error}}</div>
<button type="submit" class="secondary">Reject and open a dispute</button>
</form>
</section>
{{/open}}
