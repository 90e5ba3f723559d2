{{%AUTOESCAPE context="HTML"}}
{{#message}}<p class="crumbs"><a href="/ops/outbox">Outbox</a></p>
<h1>Message #{{id}}</h1>
<dl class="facts">
<dt>Channel</dt><dd>{{channel}}</dd>
<dt>Kind</dt><dd>{{kind}}</dd>
<dt>To</dt><dd>{{recipient}}</dd>
<dt>About</dt><dd>{{summary}}</dd>
<dt>Queued</dt><dd><time datetime="{{created_iso}}">{{created}}</time></dd>
<dt>Status</dt><dd><span class="status status-{{status}}">{{status_label}}</span>{{#sent}}, {{at}}{{/sent}}{{#next}}; next attempt {{at}}{{/next}}</dd>
<dt>Attempts</dt><dd>{{attempts}}</dd>
{{#error}}<dt>Last error</dt><dd class="error">{{text}}</dd>
{{/error}}{{#message_id}}<dt>Message-ID</dt><dd><code>{{value}}</code></dd>
{{/message_id}}{{#provider_id}}<dt>Provider's id</dt><dd><code>{{value}}</code></dd>
{{/provider_id}}</dl>
{{#can_retry}}<form method="post" action="/ops/outbox/{{id}}/retry">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<button type="submit">Send again</button>
</form>
{{/can_retry}}<h2>Text</h2>
{{#private}}<p>This is an account security message (a link or code that signs someone in, or a decision about their account): only its recipient may read it.</p>{{/private}}
{{#body}}<pre class="message-text">{{text}}</pre>{{/body}}
<h2>Attempts</h2>
{{#no_attempts}}<p>Not tried yet.</p>{{/no_attempts}}
<ol class="attempts">
{{#attempt}}<li><time datetime="{{at_iso}}">{{at}}</time>: {{outcome}}. {{detail}}</li>
{{/attempt}}</ol>
{{/message}}
