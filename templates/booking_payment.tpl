{{%AUTOESCAPE context="HTML"}}
{{#payment}}<section aria-labelledby="payment-heading" class="panel">
<h2 id="payment-heading">Payment</h2>
<p><span class="status status-{{status}}">{{status_label}}</span> <span class="price">{{amount}}</span>{{#paid_with}} · {{text}}{{/paid_with}}</p>
{{#refunded}}<p>Refunded: {{amount}}</p>
{{/refunded}}{{#declined}}<p class="error">Your last attempt failed: {{message}}</p>
{{/declined}}{{#fee_due}}<p><strong>Late-cancellation fee due: {{amount}}</strong> — <a href="{{pay_url}}">pay</a>. You can book again once it is paid.</p>
{{/fee_due}}{{#fee_paid}}<p>This was the late-cancellation fee.</p>
{{/fee_paid}}{{#state}}<p class="payment-state">{{#lead}}<strong>{{text}}</strong> {{/lead}}{{before}}{{#fact}}<strong>{{text}}</strong>{{/fact}}{{after}}</p>
{{/state}}{{#can_pay}}<p><a class="button" href="{{pay_url}}">Pay now</a></p>
{{/can_pay}}{{#pay_offline}}<p>Our operations team will contact you to take the payment.</p>
{{/pay_offline}}{{#receipt}}<p><a href="{{receipt_url}}">Receipt #{{number}}</a></p>
{{/receipt}}{{#staff}}<p class="muted">Gateway: {{gateway}}</p>
{{/staff}}{{#gateway_error}}<p class="error" role="alert">The gateway's last error: {{message}}</p>
{{/gateway_error}}{{#history}}<ol class="timeline">
{{#event}}<li><strong>{{label}}</strong>{{#refund_amount}} {{value}}{{/refund_amount}} <time datetime="{{when_iso}}">{{when}}</time> by {{by}}{{#note}}: {{text}}{{/note}}</li>
{{/event}}</ol>
{{/history}}{{#dispute_open}}<p>The booking is disputed: its payment moves only by <a href="/ops/disputes/{{booking_id}}">the decision on the dispute</a>.</p>
{{/dispute_open}}{{#can_capture}}<form class="inline" method="post" action="{{action}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<button type="submit">Capture {{amount}} now</button>
</form>
{{/can_capture}}{{#can_refund}}<form class="stack" method="post" action="{{action}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<h3>Refund</h3>
<div class="field">
<label for="refund-amount">Amount in rupees (at most {{left}})</label>
<input id="refund-amount" name="amount" inputmode="decimal" value="{{left_input}}" required>
</div>
<div class="field">
<label for="refund-reason">Reason, shown to the customer</label>
<textarea id="refund-reason" name="reason" rows="2" maxlength="500" required></textarea>
</div>
<button type="submit" class="danger">Refund</button>
</form>
{{/can_refund}}{{#can_cancel}}<form class="stack" method="post" action="{{action}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<h3>Cancel the payment</h3>
<div class="field">
<label for="payment-cancel-reason">Reason, shown to the customer</label>
<textarea id="payment-cancel-reason" name="reason" rows="2" maxlength="500" required></textarea>
</div>
<button type="submit" class="danger">Cancel payment</button>
</form>
{{/can_cancel}}</section>
{{/payment}}{{#manual}}<section aria-labelledby="manual-heading" class="panel">
<h2 id="manual-heading">Record a manual payment</h2>
<p>For cash, UPI or a bank transfer the customer made outside HomeServe. The amount must be the booking's price, {{price}}.</p>
<form class="stack" method="post" action="{{action}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="manual-method">Method</label>
<select id="manual-method" name="method" required>
<option value="">Choose how the customer paid</option>
<option value="cash">Cash</option>
<option value="upi">UPI</option>
<option value="bank_transfer">Bank transfer</option>
</select>
</div>
<div class="field">
<label for="manual-amount">Amount received, in rupees</label>
<input id="manual-amount" name="amount" inputmode="decimal" required>
</div>
<div class="field">
<label for="manual-reference">Reference <small>(UPI or bank transaction id; optional for cash)</small></label>
<input id="manual-reference" name="reference" maxlength="100">
</div>
<button type="submit">Record payment</button>
</form>
</section>
{{/manual}}{{#unpaid}}<section aria-labelledby="payment-heading" class="panel">
<h2 id="payment-heading">Payment</h2>
{{#state}}<p class="payment-state">{{#lead}}<strong>{{text}}</strong> {{/lead}}{{before}}{{#fact}}<strong>{{text}}</strong>{{/fact}}{{after}}</p>
{{/state}}</section>
{{/unpaid}}
