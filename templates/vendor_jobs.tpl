{{%AUTOESCAPE context="HTML"}}
<h1>Job board</h1>
<p class="lead">Open jobs in your categories and pincodes, soonest first. The first vendor to accept gets the job.</p>
{{#no_jobs}}<p>No open jobs right now. Check that <a href="/vendor/profile">your categories and pincodes</a> are complete.</p>{{/no_jobs}}
<ul class="cards">
{{#job}}<li class="card">
<h2><a href="/vendor/bookings/{{id}}">#{{id}} {{service}}</a></h2>
{{#requested}}<p class="notice"><strong>Requested for you</strong>: the customer chose you; it is yours alone to accept until {{until}}.</p>{{/requested}}
<p class="meta"><time datetime="{{when_iso}}">{{when}}</time> · about {{duration}} minutes</p>
<p>Pincode {{pincode}} · <span class="price">{{price}}</span></p>
<form method="post" action="/vendor/bookings/{{id}}/accept" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit">Accept<span class="visually-hidden"> job #{{id}}</span></button></form>
<form method="post" action="/vendor/bookings/{{id}}/decline" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="link">Decline<span class="visually-hidden"> job #{{id}}</span></button></form>
</li>
{{/job}}</ul>
