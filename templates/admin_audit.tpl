{{%AUTOESCAPE context="HTML"}}
<h1>Audit log</h1>
<p class="lead">Every change on the platform, newest first. Entries can never be edited or removed.</p>
{{#no_entries}}<p>No entries.</p>{{/no_entries}}
<div class="scroll">
<table class="audit">
<thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Record</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">From</th></tr></thead>
<tbody>
{{#entry}}<tr>
<td class="num">{{id}}</td>
<td><time datetime="{{when_iso}}">{{when}}</time></td>
<td>{{actor}}</td>
<td>{{action}}</td>
<td>{{entity}} {{entity_id}}</td>
<td><code>{{old_values}}</code></td>
<td><code>{{new_values}}</code></td>
<td>{{ip}}<br><small>{{user_agent}}</small></td>
</tr>
{{/entry}}</tbody>
</table>
</div>
<nav class="pager" aria-label="Audit log pages">
{{#not_newest}}<a href="/admin/audit">Newest entries</a>{{/not_newest}}
{{#older}}<a href="/admin/audit?before={{before}}">Older entries</a>{{/older}}
</nav>
