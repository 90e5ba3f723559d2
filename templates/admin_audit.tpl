{{%AUTOESCAPE context="HTML"}}
<h1>Audit log</h1>
<p class="lead">Every change on the platform, newest first. Entries can never be edited or removed, and each one is chained to the one before it: <a href="/admin/audit/verify">check the chain</a>.</p>
<form class="search" method="get" action="/admin/audit">
<div class="field">
<label for="actor">Who (username)</label>
<input id="actor" name="actor" value="{{actor}}" maxlength="30">
</div>
<div class="field">
<label for="action">Action</label>
<input id="action" name="action" value="{{action}}" maxlength="60" aria-describedby="action-hint">
<p class="hint" id="action-hint">For example booking.create or settings.changed.</p>
</div>
<div class="field">
<label for="entity">Record type</label>
<input id="entity" name="entity" value="{{entity}}" maxlength="30" aria-describedby="entity-hint">
<p class="hint" id="entity-hint">For example booking, user or payment.</p>
</div>
<div class="field">
<label for="entity_id">Record number</label>
<input id="entity_id" name="entity_id" value="{{entity_id}}" inputmode="numeric" maxlength="18">
</div>
<div class="field">
<label for="from">From (India time)</label>
<input id="from" name="from" type="date" value="{{from}}">
</div>
<div class="field">
<label for="to">To (included)</label>
<input id="to" name="to" type="date" value="{{to}}">
</div>
<button type="submit">Show</button>
</form>
{{#no_entries}}<p>No entries.</p>{{/no_entries}}
<div class="scroll" tabindex="0" role="region" aria-label="Audit entries">
<table class="audit rows">
<thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Record</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">From</th></tr></thead>
<tbody>
{{#entry}}<tr>
<td class="num" data-label="Entry">{{id}}</td>
<td data-label="When"><time datetime="{{when_iso}}">{{when}}</time></td>
<td data-label="Who">{{actor}}</td>
<td data-label="Action">{{action}}</td>
<td data-label="Record">{{entity}} {{entity_id}}</td>
<td data-label="Before"><code>{{old_values}}</code></td>
<td data-label="After"><code>{{new_values}}</code></td>
<td data-label="From">{{ip}}<br><small>{{user_agent}}</small></td>
</tr>
{{/entry}}</tbody>
</table>
</div>
<nav class="pager" aria-label="Audit log pages">
{{#newer}}<a href="/admin/audit?{{query}}">Newer entries</a>{{/newer}}
{{#older}}<a href="/admin/audit?{{query}}">Older entries</a>{{/older}}
</nav>
