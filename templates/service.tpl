{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/services">Services</a> › <a href="/services?category={{category}}">{{category_name}}</a></p>
<h1>{{name}}</h1>
<p class="lead">{{description}}</p>
<dl class="facts">
<dt>Price</dt><dd class="price">{{price}}</dd>
<dt>Category</dt><dd>{{category_name}}</dd>
<dt>Usual duration</dt><dd>About {{duration}} minutes</dd>
</dl>
{{#can_book}}<p><a class="button" href="/bookings/new?service_id={{id}}">Book this service</a></p>{{/can_book}}
{{#sign_in_to_book}}<p><a class="button" href="/login?next=%2Fbookings%2Fnew%3Fservice_id%3D{{id}}">Sign in to book this service</a> or <a href="/register">create an account</a>.</p>{{/sign_in_to_book}}
{{>reviews}}
