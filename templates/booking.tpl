{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/bookings">My bookings</a></p>
<h1>Booking #{{id}}: {{service}}</h1>
<p class="lead"><span class="status status-{{status}}">{{status_label}}</span></p>
{{#start_code}}<section class="panel code" aria-labelledby="code-heading">
<h2 id="code-heading">Start code</h2>
<p>Give this code to the vendor when they arrive. They need it to start the job.</p>
<p class="otp">{{code}}</p>
</section>{{/start_code}}
<dl class="facts">
<dt>When</dt><dd><time datetime="{{when_iso}}">{{when}}</time> (about {{duration}} minutes)</dd>
<dt>Where</dt><dd>{{address}}, {{pincode}}</dd>
<dt>Price</dt><dd class="price">{{price}}</dd>
<dt>Vendor</dt><dd>{{#vendor}}{{#photo}}<img class="face" src="{{src}}" width="{{width}}" height="{{height}}" alt="{{alt}}"> {{/photo}}<a href="/vendors/{{vendor_id}}">{{vendor_name}}</a> · {{#rated}}rated {{average}} of 5 ({{count}} {{reviews}}){{/rated}}{{#unrated}}no reviews yet{{/unrated}} · {{jobs}} {{jobs_word}} done{{/vendor}}{{#no_vendor}}Waiting for a vendor to accept{{/no_vendor}}{{#offered}}: you chose {{name}}, who has it alone until {{until}}; then every professional may take it{{/offered}}</dd>
{{#has_notes}}<dt>Your notes</dt><dd>{{notes}}</dd>{{/has_notes}}
</dl>
{{#can_reschedule}}<p><a href="/bookings/{{id}}/reschedule">Reschedule</a> <small>(you can move it {{left}} more time{{left_plural}})</small></p>
{{/can_reschedule}}{{#can_rebook}}<form method="post" action="/bookings/{{id}}/rebook" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit">Book again with {{professional}}</button></form>{{/can_rebook}}
{{>signature}}
{{>dispute}}
{{>payment}}
{{>photos}}
<section aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
{{>timeline}}
</section>
{{>thread}}
{{#can_cancel}}<section aria-labelledby="cancel-heading" class="panel">
<h2 id="cancel-heading">Cancel this booking</h2>
<form class="stack" method="post" action="/bookings/{{id}}/cancel">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<input type="hidden" name="fee_paise" value="{{fee_paise}}">
{{#free}}<p>Cancelling is free.</p>{{/free}}{{#late_fee}}<p><strong>A late-cancellation fee of {{fee}} applies:</strong> the visit is close and its vendor has set the time aside. It is due from you once you cancel.</p>{{/late_fee}}
<div class="field">
<label for="reason">Why are you cancelling?</label>
<textarea id="reason" name="reason" rows="2" maxlength="500" required{{#reason_error}} aria-invalid="true" aria-describedby="reason-error"{{/reason_error}}>{{reason:pre_escape}}</textarea>
{{#reason_error}}<p class="error" id="reason-error">{{message}}</p>{{/reason_error}}
</div>
<button type="submit" class="danger">Cancel booking</button>
</form>
</section>{{/can_cancel}}
