{{%AUTOESCAPE context="HTML"}}
<h1>Your sign-in code</h1>
{{#problem}}<p class="error-summary" role="alert">{{message}}</p>{{/problem}}
<p>Your password was right. Now open your authenticator app and type the 6-digit code it shows for HomeServe. Lost your phone? Type one of your recovery codes instead.</p>
<form class="stack" method="post" action="/login/2fa">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<input type="hidden" name="next" value="{{next}}">
<div class="field">
<label for="code">Code</label>
<input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="20" required autofocus aria-describedby="code-hint{{#code_error}} code-error{{/code_error}}"{{#code_error}} aria-invalid="true"{{/code_error}}>
<p class="hint" id="code-hint">6 digits, or a recovery code such as k3m9p-x7q2w.</p>
{{#code_error}}<p class="error" id="code-error">{{message}}</p>{{/code_error}}
</div>
<button type="submit">Sign in</button>
</form>
<p><a href="/login">Start again</a></p>
