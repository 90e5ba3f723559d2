{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/bookings/{{booking_id}}">Booking #{{booking_id}}</a></p>
<h1>Pay for booking #{{booking_id}}: {{service}}</h1>
{{#job}}<p class="lead">Amount: <span class="price">{{amount}}</span>. It is held now, on your card or through your UPI app, and taken only when you sign that you are satisfied.</p>
{{/job}}{{#job_now}}<p class="lead">Amount: <span class="price">{{amount}}</span>. You have signed, or the time to sign has passed, so it is taken at once.</p>
{{/job_now}}{{#fee}}<p class="lead">Late-cancellation fee: <span class="price">{{amount}}</span>. It is taken at once; then you can book again.</p>
{{/fee}}
{{#problem}}<p class="error-summary" role="alert">{{message}}</p>
{{/problem}}{{#error_summary}}<div class="error-summary" role="alert">
<p>Please correct the {{count}} field(s) marked below:</p>
<ul>
{{#error_link}}<li><a href="#{{field}}">{{message}}</a></li>
{{/error_link}}</ul>
</div>
{{/error_summary}}<p>Pay by card or by UPI.</p>
<section aria-labelledby="card-heading" class="panel">
<h2 id="card-heading">Pay by card</h2>
<form class="stack" method="post" action="{{action}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<input type="hidden" name="method" value="card">
<div class="field">
<label for="name">Name on card</label>
<input id="name" name="name" value="{{name}}" autocomplete="cc-name" maxlength="100" required{{#name_error}} aria-invalid="true" aria-describedby="name-error"{{/name_error}}>
{{#name_error}}<p class="error" id="name-error">{{message}}</p>{{/name_error}}
</div>
<div class="field">
<label for="card_number">Card number</label>
<input id="card_number" name="card_number" value="{{card_number}}" inputmode="numeric" autocomplete="cc-number" maxlength="23" required{{#card_number_error}} aria-invalid="true" aria-describedby="card_number-error"{{/card_number_error}}>
{{#card_number_error}}<p class="error" id="card_number-error">{{message}}</p>{{/card_number_error}}
</div>
<div class="field">
<label for="expiry">Expiry date</label>
<input id="expiry" name="expiry" value="{{expiry}}" placeholder="MM/YY" autocomplete="cc-exp" maxlength="7" required aria-describedby="expiry-hint{{#expiry_error}} expiry-error{{/expiry_error}}"{{#expiry_error}} aria-invalid="true"{{/expiry_error}}>
<p class="hint" id="expiry-hint">As printed on the card, like 08/29.</p>
{{#expiry_error}}<p class="error" id="expiry-error">{{message}}</p>{{/expiry_error}}
</div>
<div class="field">
<label for="cvv">Security code (CVV)</label>
<input id="cvv" name="cvv" inputmode="numeric" autocomplete="cc-csc" maxlength="4" required aria-describedby="cvv-hint{{#cvv_error}} cvv-error{{/cvv_error}}"{{#cvv_error}} aria-invalid="true"{{/cvv_error}}>
<p class="hint" id="cvv-hint">3 digits on the back of the card; 4 on the front of an American Express card.</p>
{{#cvv_error}}<p class="error" id="cvv-error">{{message}}</p>{{/cvv_error}}
</div>
<button type="submit">Pay {{amount}} by card</button>
</form>
</section>
<section aria-labelledby="upi-heading" class="panel">
<h2 id="upi-heading">Pay by UPI</h2>
<form class="stack" method="post" action="{{action}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<input type="hidden" name="method" value="upi">
<div class="field">
<label for="upi_id">UPI ID</label>
<input id="upi_id" name="upi_id" value="{{upi_id}}" placeholder="name@bank" autocomplete="off" autocapitalize="none" spellcheck="false" maxlength="256" required aria-describedby="upi_id-hint{{#upi_id_error}} upi_id-error{{/upi_id_error}}"{{#upi_id_error}} aria-invalid="true"{{/upi_id_error}}>
<p class="hint" id="upi_id-hint">The UPI ID of your bank account, like rahul@okaxis. Your UPI app asks you to approve the payment.</p>
{{#upi_id_error}}<p class="error" id="upi_id-error">{{message}}</p>{{/upi_id_error}}
</div>
<button type="submit">Pay {{amount}} by UPI</button>
</form>
</section>
<section aria-labelledby="test-cards-heading" class="panel">
<h2 id="test-cards-heading">Test cards and UPI IDs</h2>
<p>This is HomeServe's test payment page: no money moves. Use one of these numbers with any expiry date in the future, any 3-digit security code and any name.</p>
<div class="scroll">
<table>
<thead><tr><th scope="col">Card number</th><th scope="col">What happens</th></tr></thead>
<tbody>
{{#test_card}}<tr><td><code>{{number}}</code></td><td>{{outcome}}</td></tr>
{{/test_card}}</tbody>
</table>
</div>
<p>UPI: use one of these test UPI IDs.</p>
<div class="scroll">
<table>
<thead><tr><th scope="col">UPI ID</th><th scope="col">What happens</th></tr></thead>
<tbody>
{{#test_upi}}<tr><td><code>{{id}}</code></td><td>{{outcome}}</td></tr>
{{/test_upi}}</tbody>
</table>
</div>
</section>
