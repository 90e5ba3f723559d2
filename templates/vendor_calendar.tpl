{{%AUTOESCAPE context="HTML"}}
<h1>Calendar: {{month}}</h1>
<nav class="pager" aria-label="Months">
<a href="/vendor/calendar?month={{prev}}">Previous month</a>
<a href="/vendor/calendar">This month</a>
<a href="/vendor/calendar?month={{next}}">Next month</a>
</nav>
<p>{{count}} job(s) this month.</p>
<div class="scroll">
<table class="calendar">
<caption class="visually-hidden">Your jobs in {{month}}</caption>
<thead><tr><th scope="col">Mon</th><th scope="col">Tue</th><th scope="col">Wed</th><th scope="col">Thu</th><th scope="col">Fri</th><th scope="col">Sat</th><th scope="col">Sun</th></tr></thead>
<tbody>
{{#week}}<tr>{{#day}}<td{{#blank}} class="blank"{{/blank}}>{{#date}}<span class="date">{{number}}</span>{{/date}}
{{#job}}<a class="job" href="/vendor/bookings/{{id}}">{{time}} {{service}} <small>{{status_label}}</small></a>
{{/job}}</td>{{/day}}</tr>
{{/week}}</tbody>
</table>
</div>
