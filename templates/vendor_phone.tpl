{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/vendor/application">Your application</a></p>
<h1>Verify your mobile number</h1>
{{#problem}}<p class="error-summary" role="alert">{{message}}</p>{{/problem}}
{{#verified}}<p class="lead">Your mobile number {{phone}} is <strong>verified</strong> (since {{at}}).</p>
{{/verified}}{{#unverified}}<p>We sent a 6-digit code by SMS to {{phone}}. It works for 10 minutes.</p>
<form class="stack" method="post" action="/vendor/phone">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="otp">Code</label>
<input id="otp" name="otp" value="{{otp}}" inputmode="numeric" autocomplete="one-time-code" maxlength="20" required{{#otp_error}} aria-invalid="true" aria-describedby="otp-error"{{/otp_error}}>
{{#otp_error}}<p class="error" id="otp-error">{{message}}</p>{{/otp_error}}
</div>
<button type="submit">Verify</button>
</form>
<form method="post" action="/vendor/phone/resend">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<p>No code, or too late? <button type="submit" class="link">Send me a new code</button></p>
</form>
{{/unverified}}
