{{%AUTOESCAPE context="HTML"}}
<h1>Create your account</h1>
{{#problem}}<p class="error-summary" role="alert">{{message}}</p>{{/problem}}
{{>error_summary}}
<form class="stack" method="post" action="/register">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="username">Username</label>
<input id="username" name="username" value="{{username}}" autocomplete="username" maxlength="30" required aria-describedby="username-hint{{#username_error}} username-error{{/username_error}}"{{#username_error}} aria-invalid="true"{{/username_error}}>
<p class="hint" id="username-hint">3 to 30 letters, digits, dots, dashes or underscores.</p>
{{#username_error}}<p class="error" id="username-error">{{message}}</p>{{/username_error}}
</div>
<div class="field">
<label for="email">Email</label>
<input id="email" name="email" type="email" value="{{email}}" autocomplete="email" maxlength="254" required{{#email_error}} aria-invalid="true" aria-describedby="email-error"{{/email_error}}>
{{#email_error}}<p class="error" id="email-error">{{message}}</p>{{/email_error}}
</div>
<div class="field">
<label for="phone">Mobile number</label>
<input id="phone" name="phone" type="tel" value="{{phone}}" autocomplete="tel" maxlength="20" required{{#phone_error}} aria-invalid="true" aria-describedby="phone-error"{{/phone_error}}>
{{#phone_error}}<p class="error" id="phone-error">{{message}}</p>{{/phone_error}}
</div>
<div class="field">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="new-password" maxlength="128" required aria-describedby="password-hint{{#password_error}} password-error{{/password_error}}"{{#password_error}} aria-invalid="true"{{/password_error}}>
<p class="hint" id="password-hint">At least 8 characters.</p>
{{#password_error}}<p class="error" id="password-error">{{message}}</p>{{/password_error}}
</div>
<div class="field">
<label for="password_confirm">Password again</label>
<input id="password_confirm" name="password_confirm" type="password" autocomplete="new-password" maxlength="128" required{{#password_confirm_error}} aria-invalid="true" aria-describedby="password_confirm-error"{{/password_confirm_error}}>
{{#password_confirm_error}}<p class="error" id="password_confirm-error">{{message}}</p>{{/password_confirm_error}}
</div>
<div class="field">
<label for="address">Address</label>
<textarea id="address" name="address" rows="3" maxlength="300" autocomplete="street-address" required{{#address_error}} aria-invalid="true" aria-describedby="address-error"{{/address_error}}>{{address:pre_escape}}</textarea>
{{#address_error}}<p class="error" id="address-error">{{message}}</p>{{/address_error}}
</div>
<div class="field">
<label for="pincode">Pincode</label>
<input id="pincode" name="pincode" value="{{pincode}}" inputmode="numeric" autocomplete="postal-code" maxlength="6" required{{#pincode_error}} aria-invalid="true" aria-describedby="pincode-error"{{/pincode_error}}>
{{#pincode_error}}<p class="error" id="pincode-error">{{message}}</p>{{/pincode_error}}
</div>
<button type="submit">Create account</button>
</form>
<p>Already registered? <a href="/login">Sign in</a>.</p>
