{{%AUTOESCAPE context="HTML"}}
<section class="hero">
<h1>Home services you can trust</h1>
<p class="lead">Verified professionals for AC repair, plumbing, electrical work, cleaning and appliance repair, at your door.</p>
<form class="search pincode" method="get" action="/services">
<label for="pincode">Your pincode</label>
<input id="pincode" name="pincode" inputmode="numeric" maxlength="6" pattern="[1-9][0-9]{5}" autocomplete="postal-code" required value="{{pincode}}" aria-describedby="pincode-hint">
<button type="submit">Show services near me</button>
<p class="hint" id="pincode-hint">Six digits, like 110001: we show what professionals near you offer.</p>
</form>
<form class="search" method="get" action="/services" role="search">
<label for="q">Search services</label>
<input id="q" name="q" type="search" maxlength="100" placeholder="AC, plumbing, cleaning…">
<button type="submit">Search</button>
</form>
</section>
<section aria-labelledby="categories-heading">
<h2 id="categories-heading">Categories</h2>
<ul class="chips">
{{#category}}<li><a href="/services?category={{slug}}">{{name}} <small>({{count}})</small></a></li>
{{/category}}</ul>
</section>
<section aria-labelledby="services-heading">
<h2 id="services-heading">Popular services</h2>
{{#no_services}}<p>No services are on offer yet.</p>{{/no_services}}
<ul class="cards">
{{#service}}<li class="card">
<h3><a href="/services/{{id}}">{{name}}</a></h3>
<p class="meta">{{category_name}} · about {{duration}} minutes</p>
{{#picture}}<img class="thumb" src="{{src}}" width="{{width}}" height="{{height}}" alt="{{alt}}" loading="lazy">
{{/picture}}<p>{{description}}</p>
{{#has_included}}<p class="included">Includes: {{#included}}{{item}}{{#included_separator}}; {{/included_separator}}{{/included}}</p>
{{/has_included}}<p class="price">{{price}}</p>
</li>
{{/service}}</ul>
</section>
<section aria-labelledby="join-heading">
<h2 id="join-heading">Are you a professional?</h2>
<p>Electricians, plumbers, AC technicians, cleaners and appliance engineers: <a href="/vendor/apply">join HomeServe</a> and take jobs in the pincodes you serve.</p>
</section>
