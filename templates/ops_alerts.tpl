{{%AUTOESCAPE context="HTML"}}
<h1>Alerts</h1>
<p>What the hourly checks found in vendors' work, bookings and payments, newest first. Acknowledge an alert when you take it on; resolve it with a note once it is dealt with.</p>
<form class="search" method="get" action="/ops/alerts">
<div class="field">
<label for="status">Status</label>
<select id="status" name="status">
<option value="">Open and acknowledged</option>
{{#status_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/status_option}}</select>
</div>
<button type="submit">Show</button>
</form>
{{#none}}<p>No alerts.</p>{{/none}}
{{#some}}<div class="scroll" tabindex="0" role="region" aria-label="Alerts">
<table class="rows">
<thead><tr><th scope="col">Alert</th><th scope="col">About</th><th scope="col">Figures</th><th scope="col">Raised</th><th scope="col">Status</th><th scope="col">Evidence</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>
{{#alert}}<tr>
<td data-label="Alert"><a href="/ops/alerts/{{id}}">#{{id}}</a><br><small>{{kind}}</small></td>
<td data-label="About">{{subject}}</td>
<td data-label="Figures">{{summary}}</td>
<td data-label="Raised"><time datetime="{{raised_iso}}">{{raised}}</time><br><small>{{age}} ago</small></td>
<td data-label="Status"><span class="status status-alert-{{status}}">{{status_label}}</span></td>
<td data-label="Evidence"><a href="{{link}}">{{link_label}}</a></td>
<td data-label="Actions">{{#can_ack}}<form method="post" action="/ops/alerts/{{id}}/ack"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit">Acknowledge<span class="visually-hidden"> alert #{{id}}</span></button></form>{{/can_ack}}</td>
</tr>
{{/alert}}</tbody>
</table>
</div>
{{/some}}<nav class="pager" aria-label="Alert pages">
{{#older}}<a href="/ops/alerts?status={{status}}&amp;before={{before}}">Older alerts</a>{{/older}}
</nav>
