{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/ops/bookings/{{booking_id}}#payment-heading">Booking #{{booking_id}}</a></p>
<h1>{{title}}</h1>
<p class="lead">Nothing was changed. Correct the form and send it again, or <a href="/ops/bookings/{{booking_id}}#payment-heading">go back to the booking</a>.</p>
{{#refund}}{{>error_summary}}
<form class="stack" method="post" action="{{action}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="amount">Amount in rupees (at most {{left}})</label>
<input id="amount" name="amount" inputmode="decimal" value="{{amount}}" required{{#amount_error}} aria-invalid="true" aria-describedby="amount-error"{{/amount_error}}>
{{#amount_error}}<p class="error" id="amount-error">{{message}}</p>{{/amount_error}}
</div>
<div class="field">
<label for="reason">Reason, shown to the customer</label>
<textarea id="reason" name="reason" rows="2" maxlength="500" required{{#reason_error}} aria-invalid="true" aria-describedby="reason-error"{{/reason_error}}>{{reason:pre_escape}}</textarea>
{{#reason_error}}<p class="error" id="reason-error">{{message}}</p>{{/reason_error}}
</div>
<button type="submit" class="danger">Refund</button>
</form>
{{/refund}}{{#cancel}}<form class="stack" method="post" action="{{action}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="reason">Reason, shown to the customer</label>
<textarea id="reason" name="reason" rows="2" maxlength="500" required{{#reason_error}} aria-invalid="true" aria-describedby="reason-error"{{/reason_error}}>{{reason:pre_escape}}</textarea>
{{#reason_error}}<p class="error" id="reason-error">{{message}}</p>{{/reason_error}}
</div>
<button type="submit" class="danger">Cancel payment</button>
</form>
{{/cancel}}{{#manual}}{{>error_summary}}
<p>For cash, UPI or a bank transfer the customer made outside HomeServe. The amount must be the booking's price, {{price}}.</p>
<form class="stack" method="post" action="{{action}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="method">Method</label>
<select id="method" name="method" required{{#method_error}} aria-invalid="true" aria-describedby="method-error"{{/method_error}}>
<option value="">Choose how the customer paid</option>
<option value="cash"{{#chose_cash}} selected{{/chose_cash}}>Cash</option>
<option value="upi"{{#chose_upi}} selected{{/chose_upi}}>UPI</option>
<option value="bank_transfer"{{#chose_bank_transfer}} selected{{/chose_bank_transfer}}>Bank transfer</option>
</select>
{{#method_error}}<p class="error" id="method-error">{{message}}</p>{{/method_error}}
</div>
<div class="field">
<label for="amount">Amount received, in rupees</label>
<input id="amount" name="amount" inputmode="decimal" value="{{amount}}" required{{#amount_error}} aria-invalid="true" aria-describedby="amount-error"{{/amount_error}}>
{{#amount_error}}<p class="error" id="amount-error">{{message}}</p>{{/amount_error}}
</div>
<div class="field">
<label for="reference">Reference <small>(UPI or bank transaction id; optional for cash)</small></label>
<input id="reference" name="reference" value="{{reference}}" maxlength="100"{{#reference_error}} aria-invalid="true" aria-describedby="reference-error"{{/reference_error}}>
{{#reference_error}}<p class="error" id="reference-error">{{message}}</p>{{/reference_error}}
</div>
<button type="submit">Record payment</button>
</form>
{{/manual}}
