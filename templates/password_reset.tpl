{{%AUTOESCAPE context="HTML"}}
{{#problem}}<h1>This link does not work</h1>
<p class="lead">{{message}}</p>
<p><a class="button" href="/password/forgot">Ask for a new link</a></p>
{{/problem}}{{#form}}<h1>{{heading}}</h1>
{{>error_summary}}
{{#new_password}}<p>Every place your account is signed in will be signed out when you save it.</p>{{/new_password}}
{{#first_password}}<p>Welcome to HomeServe. Choose the password you will sign in with: only you ever know it.</p>{{/first_password}}
<form class="stack" method="post" action="/password/reset/{{token}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
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
<button type="submit">{{button}}</button>
</form>
{{/form}}
