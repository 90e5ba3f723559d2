{{%AUTOESCAPE context="HTML"}}
<h1>Unsubscribe</h1>
{{#subscribed}}<p class="lead">Stop emails about “{{kind}}” to {{email}}?</p>
<form method="post" action="/unsubscribe/{{token}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<button type="submit">Stop these emails</button>
</form>
{{/subscribed}}{{#unsubscribed}}<p class="lead">{{email}} no longer receives emails about “{{kind}}”.</p>
{{/unsubscribed}}<p>Messages about your account's security always reach you. To choose everything we send by email and text message, <a href="/account/notifications">sign in and open Emails and text messages</a>.</p>
