{{%AUTOESCAPE context="HTML"}}
<h1>Delete your account</h1>
{{#refused}}<div class="error-summary" role="alert">
<p>Your account cannot be deleted yet:</p>
<ul>
{{#reason}}<li>{{text}}</li>
{{/reason}}</ul>
</div>
{{/refused}}<p>Deleting your account erases your name, email, mobile number, saved addresses and the street address of your past bookings, and signs you out everywhere. It cannot be undone.</p>
<p>What the law and the other party need is kept under the label “Deleted customer”: your bookings (service, pincode, times and prices), payments, receipts, signed records and the messages you wrote.</p>
{{#can_delete}}{{>error_summary}}
<form class="stack" method="post" action="/account/delete">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" maxlength="128" required{{#password_error}} aria-invalid="true" aria-describedby="password-error"{{/password_error}}>
{{#password_error}}<p class="error" id="password-error">{{message}}</p>{{/password_error}}
</div>
<div class="field">
<label for="confirm">Type DELETE to confirm</label>
<input id="confirm" name="confirm" value="{{confirm}}" maxlength="20" autocomplete="off" required{{#confirm_error}} aria-invalid="true" aria-describedby="confirm-error"{{/confirm_error}}>
{{#confirm_error}}<p class="error" id="confirm-error">{{message}}</p>{{/confirm_error}}
</div>
<button type="submit" class="danger">Delete my account</button>
</form>
{{/can_delete}}<p><a href="/account">Back to your account</a></p>
