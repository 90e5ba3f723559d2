{{%AUTOESCAPE context="HTML"}}
<h1>Your account</h1>
<p>You sign in as <strong>{{username}}</strong> ({{role}}).</p>
{{>error_summary}}
<form class="stack" method="post" action="/account">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="name">Your name</label>
<input id="name" name="name" value="{{name}}" autocomplete="name" maxlength="100" aria-describedby="name-hint{{#name_error}} name-error{{/name_error}}"{{#name_error}} aria-invalid="true"{{/name_error}}>
<p class="hint" id="name-hint">How we greet you; your username stays the same.</p>
{{#name_error}}<p class="error" id="name-error">{{message}}</p>{{/name_error}}
</div>
<div class="field">
<label for="email">Email</label>
<input id="email" name="email" type="email" value="{{email}}" autocomplete="email" maxlength="254" required{{#email_error}} aria-invalid="true" aria-describedby="email-error"{{/email_error}}>
{{#email_error}}<p class="error" id="email-error">{{message}}</p>{{/email_error}}
</div>
<div class="field">
<label for="phone">Mobile number</label>
<input id="phone" name="phone" type="tel" value="{{phone}}" autocomplete="tel" maxlength="20"{{#phone_error}} aria-invalid="true" aria-describedby="phone-error"{{/phone_error}}>
{{#phone_error}}<p class="error" id="phone-error">{{message}}</p>{{/phone_error}}
</div>
<div class="field">
<label for="current_password">Current password</label>
<input id="current_password" name="current_password" type="password" autocomplete="current-password" maxlength="128" aria-describedby="current_password-hint{{#current_password_error}} current_password-error{{/current_password_error}}"{{#current_password_error}} aria-invalid="true"{{/current_password_error}}>
<p class="hint" id="current_password-hint">Needed only to change your email or mobile number.</p>
{{#current_password_error}}<p class="error" id="current_password-error">{{message}}</p>{{/current_password_error}}
</div>
<button type="submit">Save</button>
</form>
<h2>More about your account</h2>
<ul>
{{#customer}}<li><a href="/addresses">Saved addresses</a></li>
{{/customer}}<li><a href="/account/password">Change your password</a></li>
<li><a href="/account/sessions">Where you are signed in</a></li>
<li><a href="/account/2fa">Two-factor sign-in</a></li>
<li><a href="/account/notifications">Emails and text messages</a></li>
<li><a href="/account/delete">Delete your account</a></li>
</ul>
