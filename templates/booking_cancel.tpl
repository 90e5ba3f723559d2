{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/bookings/{{id}}">Booking #{{id}}</a></p>
<h1>Cancel booking #{{id}}: {{service}}</h1>
{{#problem}}<p class="error-summary" role="alert">{{message}}</p>
{{/problem}}<dl class="facts">
<dt>When</dt><dd><time datetime="{{when_iso}}">{{when}}</time></dd>
<dt>Price</dt><dd class="price">{{price}}</dd>
<dt>Status</dt><dd>{{status_label}}</dd>
</dl>
{{#free}}<p class="lead">Cancelling this booking is free.</p>
{{/free}}{{#late_fee}}<p class="lead"><strong>Cancelling now costs a late-cancellation fee of <span class="price">{{fee}}</span>.</strong></p>
<p>The visit is less than {{cutoff}} hours away and its vendor has set the time aside, so the fee goes to them. It is due from you once you confirm: pay it from the booking page. You cannot make a new booking until it is paid.</p>
{{/late_fee}}<form class="stack" method="post" action="/bookings/{{id}}/cancel">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<input type="hidden" name="fee_paise" value="{{fee_paise}}">
<div class="field">
<label for="reason">Why are you cancelling?</label>
<textarea id="reason" name="reason" rows="2" maxlength="500" required{{#reason_error}} aria-invalid="true" aria-describedby="reason-error"{{/reason_error}}>{{reason:pre_escape}}</textarea>
{{#reason_error}}<p class="error" id="reason-error">{{message}}</p>{{/reason_error}}
</div>
<button type="submit" class="danger">Confirm cancellation</button>
</form>
<p><a href="/bookings/{{id}}">Keep the booking</a></p>
