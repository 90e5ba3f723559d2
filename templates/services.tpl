{{%AUTOESCAPE context="HTML"}}
<h1>Services</h1>
<form class="search" method="get" action="/services" role="search">
<div class="field">
<label for="q">Search by name or category</label>
<input id="q" name="q" type="search" maxlength="100" value="{{q}}"{{#q_error}} aria-invalid="true" aria-describedby="q-error"{{/q_error}}>
{{#q_error}}<p class="error" id="q-error">{{message}}</p>{{/q_error}}
</div>
<div class="field">
<label for="category">Category</label>
<select id="category" name="category"{{#category_error}} aria-invalid="true" aria-describedby="category-error"{{/category_error}}>
<option value="">All categories</option>
{{#category}}<option value="{{slug}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/category}}</select>
{{#category_error}}<p class="error" id="category-error">{{message}}</p>{{/category_error}}
</div>
<div class="field">
<label for="pincode">Your pincode</label>
<input id="pincode" name="pincode" inputmode="numeric" maxlength="6" autocomplete="postal-code" value="{{pincode}}"{{#pincode_error}} aria-invalid="true" aria-describedby="pincode-error"{{/pincode_error}}>
{{#pincode_error}}<p class="error" id="pincode-error">{{message}}</p>{{/pincode_error}}
</div>
<button type="submit">Search</button>
</form>
{{#for_pincode}}<p role="status">{{count}} service(s) can be booked in pincode {{pincode}}.{{#none_here}} No professional serves pincode {{pincode}} yet.{{/none_here}}</p>
{{#unavailable}}<p class="notice">Not available in {{pincode}} yet: {{names}}.</p>{{/unavailable}}{{/for_pincode}}
{{#filtered}}<p role="status">{{count}} matching service(s). <a href="/services">Show all services</a></p>{{/filtered}}
{{#no_services}}<p>No service matches. Try another word or category.</p>{{/no_services}}
<ul class="cards">
{{#service}}<li class="card">
<h2><a href="/services/{{id}}">{{name}}</a></h2>
<p class="meta">{{category_name}} · about {{duration}} minutes</p>
{{#picture}}<img class="thumb" src="{{src}}" width="{{width}}" height="{{height}}" alt="{{alt}}" loading="lazy">
{{/picture}}<p>{{description}}</p>
{{#has_included}}<p class="included">Includes: {{#included}}{{item}}{{#included_separator}}; {{/included_separator}}{{/included}}</p>
{{/has_included}}<p class="price">{{price}}</p>
</li>
{{/service}}</ul>
