{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/services">Services</a> › <a href="/services?category={{category}}">{{category_name}}</a></p>
<h1>{{name}}</h1>
{{#picture}}<p class="picture"><img src="{{src}}" width="{{width}}" height="{{height}}" alt="{{alt}}"></p>
{{/picture}}<p class="lead">{{description}}</p>
{{#has_included}}<section aria-labelledby="included-heading">
<h2 id="included-heading">What’s included</h2>
<ul class="included">
{{#included}}<li>{{item}}</li>
{{/included}}</ul>
</section>
{{/has_included}}{{#has_not_included}}<section aria-labelledby="not-included-heading">
<h2 id="not-included-heading">Not included</h2>
<ul class="not-included">
{{#not_included}}<li>{{item}}</li>
{{/not_included}}</ul>
</section>
{{/has_not_included}}
<dl class="facts">
<dt>Price</dt><dd class="price">{{price}}</dd>
<dt>Category</dt><dd>{{category_name}}</dd>
<dt>Usual duration</dt><dd>About {{duration}} minutes</dd>
</dl>
{{#can_book}}<p><a class="button" href="/bookings/new?service_id={{id}}">Book this service</a></p>{{/can_book}}
{{#sign_in_to_book}}<p><a class="button" href="/login?next=%2Fbookings%2Fnew%3Fservice_id%3D{{id}}">Sign in to book this service</a> or <a href="/register">create an account</a>.</p>{{/sign_in_to_book}}
{{>reviews}}
