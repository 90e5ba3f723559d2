{{%AUTOESCAPE context="HTML"}}
<h1>Sign in</h1>
{{#problem}}<p class="error-summary" role="alert">{{message}}</p>{{/problem}}
{{>error_summary}}
<form class="stack" method="post" action="/login">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<input type="hidden" name="next" value="{{next}}">
<div class="field">
<label for="username">Username or email</label>
<input id="username" name="username" value="{{username}}" autocomplete="username" maxlength="254" required{{#username_error}} aria-invalid="true" aria-describedby="username-error"{{/username_error}}>
{{#username_error}}<p class="error" id="username-error">{{message}}</p>{{/username_error}}
</div>
<div class="field">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" maxlength="128" required{{#password_error}} aria-invalid="true" aria-describedby="password-error"{{/password_error}}>
{{#password_error}}<p class="error" id="password-error">{{message}}</p>{{/password_error}}
</div>
<button type="submit">Sign in</button>
</form>
<p><a href="/password/forgot">Forgot your password?</a></p>
<p>New to HomeServe? <a href="/register">Create an account</a>.</p>
