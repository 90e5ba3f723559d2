{{%AUTOESCAPE context="HTML"}}
<h1>Services</h1>
<p><a class="button" href="/admin/services/new">Add a service</a></p>
<div class="scroll">
<table class="rows">
<thead><tr><th scope="col">Name</th><th scope="col">Category</th><th scope="col" class="num">Price</th><th scope="col" class="num">Minutes</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
<tbody>
{{#service}}<tr>
<td data-label="Name">{{name}}</td><td data-label="Category">{{category_name}}{{#category_inactive}} <span class="muted">(inactive)</span>{{/category_inactive}}</td><td class="num" data-label="Price">{{price}}</td><td class="num" data-label="Minutes">{{duration}}</td>
<td data-label="Status">{{#active}}Active{{/active}}{{#inactive}}<span class="muted">Inactive</span>{{/inactive}}</td>
<td class="actions" data-label="Actions"><a href="/admin/services/{{id}}/edit">Edit<span class="visually-hidden"> {{name}}</span></a>
{{#active}}<form method="post" action="/admin/services/{{id}}/deactivate"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="link">Deactivate<span class="visually-hidden"> {{name}}</span></button></form>{{/active}}
{{#inactive}}<form method="post" action="/admin/services/{{id}}/activate"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="link">Activate<span class="visually-hidden"> {{name}}</span></button></form>{{/inactive}}
</td>
</tr>
{{/service}}</tbody>
</table>
</div>
