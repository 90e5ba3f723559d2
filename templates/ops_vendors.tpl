{{%AUTOESCAPE context="HTML"}}
<h1>Vendors</h1>
<form class="search" method="get" action="/ops/vendors">
<div class="field">
<label for="status">Status</label>
<select id="status" name="status">
<option value="">All statuses</option>
{{#status_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/status_option}}</select>
</div>
<div class="field">
<label for="q">Name, phone or pincode</label>
<input id="q" name="q" value="{{q}}" maxlength="100">
</div>
<button type="submit">Show</button>
</form>
{{#none}}<p>No vendors.</p>{{/none}}
<div class="scroll" tabindex="0" role="region" aria-label="Vendors">
<table class="rows">
<thead><tr><th scope="col">Vendor</th><th scope="col">Phone</th><th scope="col">Pincode</th><th scope="col">Status</th><th scope="col">Since</th><th scope="col">Second look</th></tr></thead>
<tbody>
{{#vendor}}<tr>
<td data-label="Vendor"><a href="/ops/vendors/{{id}}">{{username}}</a><br><small>{{business}}</small></td>
<td data-label="Phone">{{phone}}</td>
<td data-label="Pincode">{{pincode}}</td>
<td data-label="Status"><span class="status status-{{status}}">{{status_label}}</span></td>
<td data-label="Since"><time datetime="{{since_iso}}">{{since}}</time></td>
<td data-label="Second look">{{#flag}}<span class="error">Flagged: {{reason}}</span>{{/flag}}</td>
</tr>
{{/vendor}}</tbody>
</table>
</div>
<nav class="pager" aria-label="Vendor pages">
{{#next}}<a href="/ops/vendors?status={{status}}&amp;q={{q}}&amp;after_at={{after_at}}&amp;after_id={{after_id}}">More vendors</a>{{/next}}
</nav>
