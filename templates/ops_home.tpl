{{%AUTOESCAPE context="HTML"}}
<h1>Operations overview</h1>
<div class="columns">
<section aria-labelledby="vendors-heading" class="panel">
<h2 id="vendors-heading">Vendors</h2>
<table>
<thead><tr><th scope="col">Status</th><th scope="col" class="num">Vendors</th></tr></thead>
<tbody>
{{#vendor_status}}<tr><td><a href="/ops/vendors?status={{status}}">{{label}}</a></td><td class="num">{{count}}</td></tr>
{{/vendor_status}}</tbody>
</table>
</section>
<section aria-labelledby="people-heading" class="panel">
<h2 id="people-heading">People</h2>
<table>
<thead><tr><th scope="col">Role</th><th scope="col" class="num">Accounts</th></tr></thead>
<tbody>
{{#people}}<tr><td>{{role}}</td><td class="num">{{count}}</td></tr>
{{/people}}</tbody>
</table>
</section>
<section aria-labelledby="catalogue-heading" class="panel">
<h2 id="catalogue-heading">Catalogue</h2>
<table>
<thead><tr><th scope="col">Category</th><th scope="col" class="num">Active services</th></tr></thead>
<tbody>
{{#category}}<tr><td>{{name}}</td><td class="num">{{count}}</td></tr>
{{/category}}</tbody>
</table>
</section>
</div>
