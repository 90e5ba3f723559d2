{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/ops/alerts">Alerts</a></p>
<h1>Alert #{{id}}: {{kind}}</h1>
{{#problem}}<p class="error-summary" role="alert">{{message}}</p>
{{/problem}}<p class="lead">{{summary}}</p>
<dl class="facts">
<dt>About</dt><dd>{{subject}}</dd>
<dt>Raised</dt><dd><time datetime="{{raised_iso}}">{{raised}}</time>, {{age}} ago</dd>
<dt>Status</dt><dd><span class="status status-alert-{{status}}">{{status_label}}</span></dd>
{{#acknowledged}}<dt>Acknowledged</dt><dd>by {{by}}, <time datetime="{{at_iso}}">{{at}}</time></dd>
{{/acknowledged}}{{#resolved}}<dt>Resolved</dt><dd>by {{by}}, <time datetime="{{at_iso}}">{{at}}</time></dd>
<dt>Note</dt><dd class="alert-note">{{note}}</dd>
{{/resolved}}</dl>
<h2>Evidence</h2>
<ul>
<li><a href="{{link}}">{{link_label}}</a></li>
{{#booking}}<li><a href="/ops/bookings/{{id}}">Booking #{{id}}</a></li>
{{/booking}}</ul>
{{#can_ack}}<form method="post" action="/ops/alerts/{{id}}/ack">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<button type="submit">Acknowledge</button>
</form>
{{/can_ack}}{{#can_resolve}}<form class="stack" method="post" action="/ops/alerts/{{id}}/resolve">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="note">Resolve: what was done ({{min}} to {{max}} characters)</label>
<textarea id="note" name="note" rows="3" minlength="{{min}}" maxlength="{{max}}" required{{#note_error}} aria-invalid="true" aria-describedby="note-error"{{/note_error}}>{{note:pre_escape}}</textarea>
{{#note_error}}<p class="error" id="note-error">{{message}}</p>
{{/note_error}}</div>
<button type="submit">Resolve</button>
</form>
{{/can_resolve}}
