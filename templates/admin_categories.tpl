{{%AUTOESCAPE context="HTML"}}
<h1>Categories</h1>
<p class="lead">Customers see active categories in this order, lowest position first. An inactive category and its services are hidden from the catalogue; its bookings and vendors keep it. A category's slug is made from its first name and never changes.</p>
<div class="scroll">
<table class="rows">
<thead><tr><th scope="col" class="num">Position</th><th scope="col">Name</th><th scope="col">Slug</th><th scope="col">Status</th><th scope="col" class="num">Active services</th><th scope="col" class="num">All services</th><th scope="col">Actions</th></tr></thead>
<tbody>
{{#category}}<tr>
<td class="num" data-label="Position">{{position}}</td><td data-label="Name">{{name}}</td><td data-label="Slug"><code>{{slug}}</code></td>
<td data-label="Status">{{#active}}Active{{/active}}{{#inactive}}<span class="muted">Inactive</span>{{/inactive}}</td>
<td class="num" data-label="Active services">{{active_services}}</td><td class="num" data-label="All services">{{services}}</td>
<td data-label="Actions"><a href="/admin/categories/{{id}}/edit">Edit<span class="visually-hidden"> {{name}}</span></a></td>
</tr>
{{/category}}</tbody>
</table>
</div>
<section aria-labelledby="new-heading" class="panel">
<h2 id="new-heading">New category</h2>
<form class="stack" method="post" action="/admin/categories">
<input type="hidden" name="csrf_token" value="{{csrf}}">
{{>fields}}
<button type="submit">Create category</button>
</form>
</section>
