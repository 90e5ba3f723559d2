{{%AUTOESCAPE context="HTML"}}
<h1>Outbox</h1>
<p>Every email, text message and staff chat alert the site has queued, newest first: what was sent, what is waiting for another try, and what was given up.</p>
<form class="search" method="get" action="/ops/outbox">
<div class="field">
<label for="status">Status</label>
<select id="status" name="status">
<option value="">All statuses</option>
{{#status_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/status_option}}</select>
</div>
<div class="field">
<label for="channel">Channel</label>
<select id="channel" name="channel">
<option value="">All channels</option>
{{#channel_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/channel_option}}</select>
</div>
<div class="field">
<label for="q">Recipient</label>
<input id="q" name="q" value="{{q}}" maxlength="254" placeholder="Email address or mobile number">
</div>
<button type="submit">Show</button>
</form>
{{#none}}<p>No messages.</p>{{/none}}
<div class="scroll" tabindex="0" role="region" aria-label="Messages">
<table class="rows">
<thead><tr><th scope="col">Message</th><th scope="col">Queued</th><th scope="col">To</th><th scope="col">About</th><th scope="col">Status</th><th scope="col" class="num">Attempts</th><th scope="col">Last error</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>
{{#message}}<tr>
<td data-label="Message"><a href="/ops/outbox/{{id}}">#{{id}}</a><br><small>{{channel}}, {{kind}}</small></td>
<td data-label="Queued"><time datetime="{{created_iso}}">{{created}}</time></td>
<td data-label="To">{{recipient}}</td>
<td data-label="About">{{summary}}</td>
<td data-label="Status"><span class="status status-{{status}}">{{status_label}}</span></td>
<td class="num" data-label="Attempts">{{attempts}}</td>
<td data-label="Last error">{{#error}}<span class="error">{{text}}</span>{{/error}}</td>
<td data-label="Actions">{{#can_retry}}<form method="post" action="/ops/outbox/{{id}}/retry"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit">Send again<span class="visually-hidden"> message #{{id}}</span></button></form>{{/can_retry}}</td>
</tr>
{{/message}}</tbody>
</table>
</div>
<nav class="pager" aria-label="Outbox pages">
{{#older}}<a href="/ops/outbox?status={{status}}&amp;channel={{channel}}&amp;q={{q}}&amp;before={{before}}">Older messages</a>{{/older}}
</nav>
