{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/admin/categories">Categories</a></p>
<h1>Edit category</h1>
<dl class="facts">
<dt>Slug</dt><dd><code>{{slug}}</code> (never changes: services, bookings and vendors refer to it)</dd>
<dt>Services</dt><dd>{{active_services}} active of {{services}}</dd>
</dl>
<form class="stack" method="post" action="/admin/categories/{{id}}/edit">
<input type="hidden" name="csrf_token" value="{{csrf}}">
{{>fields}}
<button type="submit">Save changes</button>
</form>
