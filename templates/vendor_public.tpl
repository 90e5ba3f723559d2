{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/services">Services</a></p>
<h1>{{vendor_name}}</h1>
{{#photo}}<p class="picture"><img src="{{src}}" width="{{width}}" height="{{height}}" alt="{{alt}}"></p>
{{/photo}}<p>{{#rated}}Rated {{average}} of 5 ({{count}} {{reviews}}){{/rated}}{{#unrated}}No reviews yet{{/unrated}} · {{jobs}} {{jobs_word}} done</p>
<p class="lead">{{#verified}}Verified by HomeServe since <time datetime="{{since_iso}}">{{since}}</time>. {{/verified}}{{#unverified}}Not taking new jobs at the moment. {{/unverified}}On HomeServe since <time datetime="{{member_since_iso}}">{{member_since}}</time>.</p>
<dl class="facts">
{{#business}}<dt>Business</dt><dd>{{name}}</dd>
{{/business}}<dt>Experience</dt><dd>{{experience}} years</dd>
<dt>Services</dt><dd>{{#no_categories}}None yet{{/no_categories}}<ul class="chips">
{{#category}}<li><a href="/services?category={{slug}}">{{name}}</a></li>
{{/category}}</ul></dd>
<dt>Pincodes served</dt><dd>{{#no_pincodes}}None yet{{/no_pincodes}}{{#pincode}}{{pincode}} {{/pincode}}</dd>
</dl>
{{>reviews}}
