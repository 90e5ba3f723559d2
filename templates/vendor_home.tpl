{{%AUTOESCAPE context="HTML"}}
<h1>Vendor dashboard</h1>
{{#unverified}}<p class="error-summary" role="status">Your account is “{{standing}}”: you can finish the jobs you hold, but no new jobs are offered to you. <a href="/vendor/application">See why</a>.</p>{{/unverified}}
<p><a href="/vendor/jobs">Job board</a>: {{board_count}} jobs waiting · <a href="/vendor/calendar">Calendar</a> · <a href="/vendor/profile">Your categories and pincodes</a></p>
<section aria-labelledby="today-heading">
<h2 id="today-heading">Today</h2>
{{#nothing_today}}<p class="muted">No jobs today.</p>{{/nothing_today}}
<ul class="jobs">
{{#today}}<li><a href="/vendor/bookings/{{id}}">#{{id}} {{service}}</a> · <time datetime="{{when_iso}}">{{when}}</time> · {{address}}, {{pincode}} · <span class="status status-{{status}}">{{status_label}}</span></li>
{{/today}}</ul>
</section>
<section aria-labelledby="upcoming-heading">
<h2 id="upcoming-heading">Upcoming</h2>
{{#nothing_upcoming}}<p class="muted">No upcoming jobs.</p>{{/nothing_upcoming}}
<ul class="jobs">
{{#upcoming}}<li><a href="/vendor/bookings/{{id}}">#{{id}} {{service}}</a> · <time datetime="{{when_iso}}">{{when}}</time> · {{pincode}} · <span class="status status-{{status}}">{{status_label}}</span></li>
{{/upcoming}}</ul>
</section>
