{{%AUTOESCAPE context="HTML"}}
<h1>Users</h1>
<p><a class="button" href="/admin/users/new">Invite a staff member</a></p>
<form class="search" method="get" action="/admin/users">
<div class="field">
<label for="q">Username, email, mobile or business</label>
<input id="q" name="q" value="{{q}}" maxlength="100">
</div>
<div class="field">
<label for="role">Role</label>
<select id="role" name="role">
<option value="">All roles</option>
{{#role_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/role_option}}</select>
</div>
<div class="field">
<label for="status">Status</label>
<select id="status" name="status">
<option value="">Active and blocked</option>
{{#status_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/status_option}}</select>
</div>
<button type="submit">Show</button>
</form>
{{#none}}<p>No users match.</p>{{/none}}
{{#past_end}}<p>No users on page {{page}}: there are fewer. <a href="/admin/users?q={{q}}&amp;role={{role}}&amp;status={{status}}&amp;page={{to}}">Back to the first page</a></p>{{/past_end}}
<div class="scroll" tabindex="0" role="region" aria-label="Users, by username">
<table class="rows">
<thead><tr><th scope="col">Username</th><th scope="col">Email</th><th scope="col">Mobile</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Since</th></tr></thead>
<tbody>
{{#user}}<tr>
<td data-label="Username"><a href="/admin/users/{{id}}">{{username}}</a>{{#business}}<br><small>{{name}}</small>{{/business}}</td>
<td data-label="Email">{{email}}</td>
<td data-label="Mobile">{{phone}}</td>
<td data-label="Role">{{role}}</td>
<td data-label="Status"><span class="status status-{{status}}">{{status_label}}</span></td>
<td data-label="Since"><time datetime="{{since_iso}}">{{since}}</time></td>
</tr>
{{/user}}</tbody>
</table>
</div>
<nav class="pager" aria-label="User pages">
{{#previous}}<a href="/admin/users?q={{q}}&amp;role={{role}}&amp;status={{status}}&amp;page={{to}}">Previous page</a>{{/previous}}
<span>Page {{page}}</span>
{{#next}}<a href="/admin/users?q={{q}}&amp;role={{role}}&amp;status={{status}}&amp;page={{to}}">Next page</a>{{/next}}
</nav>
