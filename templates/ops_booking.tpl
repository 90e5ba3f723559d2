{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/ops/bookings">Bookings</a></p>
<h1>Booking #{{id}}: {{service}}</h1>
<p class="lead"><span class="status status-{{status}}">{{status_label}}</span></p>
<dl class="facts">
<dt>Category</dt><dd>{{category_name}}</dd>
<dt>When</dt><dd><time datetime="{{when_iso}}">{{when}}</time> (about {{duration}} minutes)</dd>
<dt>Where</dt><dd>{{address}}, {{pincode}}</dd>
<dt>Customer</dt><dd>{{customer}}</dd>
<dt>Vendor</dt><dd>{{#vendor}}<a href="/vendors/{{vendor_id}}">{{vendor_name}}</a>{{/vendor}}{{#no_vendor}}Not accepted yet{{/no_vendor}}</dd>
<dt>Price</dt><dd class="price">{{price}}</dd>
{{#has_notes}}<dt>Customer's notes</dt><dd>{{notes}}</dd>{{/has_notes}}
</dl>
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
<form class="stack" method="post" action="/ops/bookings/{{id}}/cancel">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="reason">Reason, shown to the customer and the vendor</label>
<textarea id="reason" name="reason" rows="2" maxlength="500" required{{#reason_error}} aria-invalid="true" aria-describedby="reason-error"{{/reason_error}}>{{reason:pre_escape}}</textarea>
{{#reason_error}}<p class="error" id="reason-error">{{message}}</p>{{/reason_error}}
</div>
<button type="submit" class="danger">Cancel booking</button>
</form>
</section>{{/can_cancel}}
