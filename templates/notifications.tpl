{{%AUTOESCAPE context="HTML"}}
<h1>Notifications</h1>
{{#has_unread}}<form method="post" action="/notifications/read">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<button type="submit">Mark all as read</button>
</form>{{/has_unread}}
{{#none}}<p>You have no notifications.</p>{{/none}}
{{#past_end}}<p>There are no notifications on this page. <a href="/notifications">Go to the newest</a>.</p>{{/past_end}}
{{#day}}<section class="notification-day" aria-labelledby="day-{{n}}">
<h2 id="day-{{n}}">{{label}}</h2>
<ul class="notifications">
{{#notification}}<li{{#unread}} class="unread"{{/unread}}>{{#unread}}<span class="new">New</span> {{/unread}}{{#link}}<a href="{{href}}">{{text}}</a>{{/link}}{{#plain}}{{text}}{{/plain}} <time datetime="{{when_iso}}">{{when}}</time></li>
{{/notification}}</ul>
</section>
{{/day}}{{#pager}}<nav class="pager" aria-label="More notifications">{{#newer}}<a href="/notifications?page={{to}}">Newer notifications</a>{{/newer}}
{{#older}}<a href="/notifications?page={{to}}">Older notifications</a>{{/older}}</nav>
{{/pager}}<p><a href="/account/notifications">Choose which of these also reach you by email or text message</a></p>
