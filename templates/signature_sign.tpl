{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/bookings">My bookings</a> › <a href="/bookings/{{id}}">Booking #{{id}}</a></p>
<h1>Sign for booking #{{id}}: {{service}}</h1>
<dl class="facts">
<dt>Service</dt><dd>{{service}}</dd>
<dt>When</dt><dd><time datetime="{{when_iso}}">{{when}}</time></dd>
<dt>Where</dt><dd>{{address}}, {{pincode}}</dd>
<dt>Vendor</dt><dd>{{#vendor}}<a href="/vendors/{{vendor_id}}">{{vendor_name}}</a>{{/vendor}}</dd>
<dt>Price</dt><dd class="price">{{price}}</dd>
<dt>Sign by</dt><dd><time datetime="{{deadline_iso}}">{{deadline}}</time> (India Standard Time)</dd>
</dl>
{{#closed}}<p class="error" role="alert">{{message}}</p>
<p><a href="{{view_url}}">See the signature record</a></p>
{{/closed}}{{#open}}{{#form_errors}}<p class="error-summary" role="alert">Please correct the {{count}} field(s) marked below.</p>
{{/form_errors}}<section aria-labelledby="sign-heading" class="panel">
<h2 id="sign-heading">Sign: the work is done to your satisfaction</h2>
<p>Your signature records your rating and the time you signed. HomeServe signs the record with its own key, so anyone can check later that it was not changed. Your rating and comments appear as a review of the service and the vendor.</p>
<form class="stack" method="post" action="{{sign_url}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<fieldset{{#satisfaction_rating_error}} aria-describedby="satisfaction_rating-error"{{/satisfaction_rating_error}}>
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
<button type="submit">Sign</button>
</form>
</section>
<section aria-labelledby="reject-heading" class="panel">
<h2 id="reject-heading">Not satisfied? Reject and open a dispute</h2>
<p>Tell us what went wrong. Our operations team will contact you and the vendor.</p>
<form class="stack" method="post" action="{{reject_url}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="reason">What went wrong?</label>
<textarea id="reason" name="reason" rows="3" maxlength="1000" required{{#reason_error}} aria-invalid="true" aria-describedby="reason-error"{{/reason_error}}>{{reason:pre_escape}}</textarea>
{{#reason_error}}<p class="error" id="reason-error">{{message}}</p>
{{/reason_error}}</div>
<button type="submit" class="danger">Reject and open a dispute</button>
</form>
</section>
{{/open}}
