{{%AUTOESCAPE context="HTML"}}
<h1>Job board</h1>
<p class="lead">Open jobs in your categories and pincodes, soonest first. The first vendor to accept gets the job. The customer's name, house address and notes are shown once the job is yours; a job's page lets you decline it.</p>
<form class="filters" method="get" action="/vendor/jobs">
{{#bad_filter}}<p class="error-summary" role="alert">Some filters were not right; fix them to see the jobs.</p>{{/bad_filter}}
<div class="field">
<label for="pincode">Pincode</label>
<select id="pincode" name="pincode"{{#pincode_error}} aria-invalid="true" aria-describedby="pincode-error"{{/pincode_error}}>
<option value="">All your pincodes</option>
{{#pincode_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>
{{/pincode_option}}</select>
{{#pincode_error}}<p class="error" id="pincode-error">{{message}}</p>{{/pincode_error}}
</div>
<div class="field">
<label for="category">Category</label>
<select id="category" name="category"{{#category_error}} aria-invalid="true" aria-describedby="category-error"{{/category_error}}>
<option value="">All your categories</option>
{{#category_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/category_option}}</select>
{{#category_error}}<p class="error" id="category-error">{{message}}</p>{{/category_error}}
</div>
<div class="field">
<label for="day">Day</label>
<input id="day" name="day" type="{{day_type}}" value="{{day}}"{{#day_error}} aria-invalid="true" aria-describedby="day-error"{{/day_error}}>
{{#day_error}}<p class="error" id="day-error">{{message}}</p>{{/day_error}}
</div>
{{#page_error}}<p class="error" id="page-error">{{message}}</p>{{/page_error}}
<button type="submit">Show jobs</button>
</form>
{{#counted}}<p class="board-count"><strong>{{count}}</strong> {{count_noun}} waiting</p>{{/counted}}
{{#no_jobs}}<p>No open jobs right now. Check that <a href="/vendor/profile">your categories and pincodes</a> are complete.</p>{{/no_jobs}}
{{#no_match}}<p>No open jobs match these filters. <a href="/vendor/jobs">Show all your jobs</a>.</p>{{/no_match}}
<ul class="board">
{{#job}}<li>
<h2><a href="/vendor/bookings/{{id}}">#{{id}} {{service}}</a></h2>
{{#requested}}<p class="notice"><strong>Requested for you</strong>: the customer chose you; it is yours alone to accept until {{until}}.</p>{{/requested}}
<p class="meta"><time datetime="{{when_iso}}">{{when}}</time> · about {{duration}} minutes · Pincode {{pincode}} · <span class="price">{{price}}</span> · {{history}}</p>
<form method="post" action="/vendor/bookings/{{id}}/accept" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit">Accept<span class="visually-hidden"> job #{{id}}</span></button></form>
</li>
{{/job}}</ul>
{{#pager}}<nav class="pager" aria-label="Pages of jobs">{{#prev}}<a href="{{href}}" rel="prev">Earlier jobs</a> {{/prev}}<span>Page {{page}}</span>{{#next}} <a href="{{href}}" rel="next">Later jobs</a>{{/next}}</nav>{{/pager}}
