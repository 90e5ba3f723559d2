{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/admin/users">Users</a></p>
<h1>Invite a staff member</h1>
<p class="lead">They get an email with a link to choose their own password, valid for 72 hours. Nobody else ever sees the link or the password.</p>
{{>error_summary}}
<form class="stack" method="post" action="/admin/users/new">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="username">Username</label>
<input id="username" name="username" value="{{username}}" autocomplete="off" maxlength="30" required aria-describedby="username-hint{{#username_error}} username-error{{/username_error}}"{{#username_error}} aria-invalid="true"{{/username_error}}>
<p class="hint" id="username-hint">3 to 30 letters, digits, dots, dashes or underscores: they sign in with it.</p>
{{#username_error}}<p class="error" id="username-error">{{message}}</p>{{/username_error}}
</div>
<div class="field">
<label for="email">Email</label>
<input id="email" name="email" type="email" value="{{email}}" autocomplete="off" maxlength="254" required aria-describedby="email-hint{{#email_error}} email-error{{/email_error}}"{{#email_error}} aria-invalid="true"{{/email_error}}>
<p class="hint" id="email-hint">The invitation goes here.</p>
{{#email_error}}<p class="error" id="email-error">{{message}}</p>{{/email_error}}
</div>
<div class="field">
<label for="phone">Mobile number (optional)</label>
<input id="phone" name="phone" type="tel" value="{{phone}}" autocomplete="off" maxlength="20"{{#phone_error}} aria-invalid="true" aria-describedby="phone-error"{{/phone_error}}>
{{#phone_error}}<p class="error" id="phone-error">{{message}}</p>{{/phone_error}}
</div>
<div class="field">
<label for="role">Role</label>
<select id="role" name="role" required{{#role_error}} aria-invalid="true" aria-describedby="role-error"{{/role_error}}>
<option value="">Choose a role</option>
{{#role_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/role_option}}</select>
{{#role_error}}<p class="error" id="role-error">{{message}}</p>{{/role_error}}
</div>
<button type="submit">Send the invitation</button>
</form>
