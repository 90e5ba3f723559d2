{{%AUTOESCAPE context="HTML"}}
<h1>Emails and text messages</h1>
<p>Choose what HomeServe sends to {{email}}{{#phone}} and {{number}}{{/phone}}. You will always see every update on your <a href="/notifications">notifications page</a>, and messages about your account's security (such as a password reset) always reach you by email.</p>
{{#no_phone}}<p class="hint">Your account has no mobile number, so no text messages are sent.</p>{{/no_phone}}
<form method="post" action="/account/notifications">
<input type="hidden" name="csrf_token" value="{{csrf}}">
{{#kind}}<fieldset class="prefs">
<legend>{{label}}</legend>
<p class="hint" id="hint-{{slug}}">{{hint}}</p>
{{#switch}}<div class="field check">
<input id="{{name}}" name="{{name}}" type="checkbox" value="1" aria-describedby="hint-{{slug}}"{{#checked}} checked{{/checked}}>
<label for="{{name}}">{{channel}}</label>
</div>
{{/switch}}</fieldset>
{{/kind}}<button type="submit">Save my choices</button>
</form>
<h2>Signing in</h2>
<p><a href="/account/2fa">Two-factor sign-in</a>: a code from an app on your phone as well as your password.</p>
