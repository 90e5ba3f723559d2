{{%AUTOESCAPE context="HTML"}}
<h1>Notifications</h1>
{{#has_unread}}<form method="post" action="/notifications/read">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<button type="submit">Mark all as read</button>
</form>{{/has_unread}}
{{#none}}<p>You have no notifications.</p>{{/none}}
<ul class="notifications">
{{#notification}}<li{{#unread}} class="unread"{{/unread}}>{{#unread}}<span class="visually-hidden">New: </span>{{/unread}}{{text}} <time datetime="{{when_iso}}">{{when}}</time>{{#link}} <a href="{{href}}">Open the booking</a>{{/link}}</li>
{{/notification}}</ul>
<p><a href="/account/notifications">Choose which of these also reach you by email or text message</a></p>
