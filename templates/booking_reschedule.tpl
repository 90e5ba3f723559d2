{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/bookings/{{id}}">Booking #{{id}}</a></p>
<h1>Reschedule booking #{{id}}: {{service}}</h1>
<p class="lead">Now <time datetime="{{when_iso}}">{{when}}</time>. You can move it {{left}} more time{{left_plural}}, until {{cutoff}} hours before the visit.</p>
{{#accepted}}<p>If its vendor is free at the new time they keep it; otherwise it goes back to the job board for another verified professional. Either way they are told.</p>
{{/accepted}}<form class="stack" method="post" action="/bookings/{{id}}/reschedule">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="scheduled_date">New date and time</label>
<input id="scheduled_date" name="scheduled_date" {{#scheduled_date_as_text}}type="text"{{/scheduled_date_as_text}}{{#scheduled_date_as_picker}}type="datetime-local" min="{{min_when}}"{{/scheduled_date_as_picker}} value="{{scheduled_date}}" required aria-describedby="scheduled_date-hint{{#scheduled_date_error}} scheduled_date-error{{/scheduled_date_error}}"{{#scheduled_date_error}} aria-invalid="true"{{/scheduled_date_error}}>
<p class="hint" id="scheduled_date-hint">India Standard Time. Vendors visit from {{hours_start}} to {{hours_end}}, at most {{horizon}} days ahead.</p>
{{#scheduled_date_error}}<p class="error" id="scheduled_date-error">{{message}}</p>{{/scheduled_date_error}}
</div>
<button type="submit">Move the booking</button>
</form>
<p><a href="/bookings/{{id}}">Keep the current time</a></p>
