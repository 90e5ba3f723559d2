{{%AUTOESCAPE context="HTML"}}
<h1>Change your password</h1>
{{>error_summary}}
<p>Every other place your account is signed in will be signed out; you stay signed in here.</p>
<form class="stack" method="post" action="/account/password">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="current_password">Current password</label>
<input id="current_password" name="current_password" type="password" autocomplete="current-password" maxlength="128" required{{#current_password_error}} aria-invalid="true" aria-describedby="current_password-error"{{/current_password_error}}>
{{#current_password_error}}<p class="error" id="current_password-error">{{message}}</p>{{/current_password_error}}
</div>
<div class="field">
<label for="password">New password</label>
<input id="password" name="password" type="password" autocomplete="new-password" maxlength="128" required aria-describedby="password-hint{{#password_error}} password-error{{/password_error}}"{{#password_error}} aria-invalid="true"{{/password_error}}>
<p class="hint" id="password-hint">At least 8 characters.</p>
{{#password_error}}<p class="error" id="password-error">{{message}}</p>{{/password_error}}
</div>
<div class="field">
<label for="password_confirm">New password again</label>
<input id="password_confirm" name="password_confirm" type="password" autocomplete="new-password" maxlength="128" required{{#password_confirm_error}} aria-invalid="true" aria-describedby="password_confirm-error"{{/password_confirm_error}}>
{{#password_confirm_error}}<p class="error" id="password_confirm-error">{{message}}</p>{{/password_confirm_error}}
</div>
<button type="submit">Change the password</button>
</form>
<p><a href="/account">Back to your account</a></p>
