{{%AUTOESCAPE context="HTML"}}
<h1>Admin overview</h1>
<div class="columns">
<section aria-labelledby="people-heading" class="panel">
<h2 id="people-heading">People</h2>
<table>
<thead><tr><th scope="col">Role</th><th scope="col" class="num">Accounts</th></tr></thead>
<tbody>
{{#people}}<tr><td><a href="/admin/users?role={{role_name}}">{{role}}</a></td><td class="num">{{count}}</td></tr>
{{/people}}</tbody>
</table>
</section>
<section aria-labelledby="manage-heading" class="panel">
<h2 id="manage-heading">Manage</h2>
<ul>
<li><a href="/admin/users">Users</a></li>
<li><a href="/admin/users/new">Invite a staff member</a></li>
<li><a href="/admin/services">Service catalogue</a></li>
<li><a href="/admin/services/new">Add a service</a></li>
<li><a href="/admin/audit">Audit log</a></li>
</ul>
</section>
</div>
<section aria-labelledby="recent-heading">
<h2 id="recent-heading">Latest activity</h2>
{{#no_entries}}<p>Nothing has happened yet.</p>{{/no_entries}}
<ul class="activity">
{{#entry}}<li><time datetime="{{when_iso}}">{{when}}</time>: <strong>{{actor}}</strong> {{action}} {{entity}} {{entity_id}}</li>
{{/entry}}</ul>
<p><a href="/admin/audit">The whole audit log</a></p>
</section>
