{{%AUTOESCAPE context="HTML"}}
<h1>Forgot your password?</h1>
{{#problem}}<p class="error-summary" role="alert">{{message}}</p>{{/problem}}
<p>Give the email address of your account. We will send it a link to choose a new password; the link works for an hour.</p>
<form class="stack" method="post" action="/password/forgot">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="email">Email</label>
<input id="email" name="email" type="email" value="{{email}}" autocomplete="email" maxlength="254" required{{#email_error}} aria-invalid="true" aria-describedby="email-error"{{/email_error}}>
{{#email_error}}<p class="error" id="email-error">{{message}}</p>{{/email_error}}
</div>
<button type="submit">Send me a link</button>
</form>
<p>Remembered it? <a href="/login">Sign in</a>.</p>
