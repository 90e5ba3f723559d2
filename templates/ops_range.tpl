{{%AUTOESCAPE context="HTML"}}
<form class="search range" method="get" action="{{action}}">
{{#form_errors}}<p class="error-summary" role="alert">Please correct the days marked below.</p>
{{/form_errors}}<div class="field">
<label for="from">First day</label>
<input id="from" name="from" type="{{from_type}}" value="{{from}}" aria-describedby="range-hint{{#from_error}} from-error{{/from_error}}"{{#from_error}} aria-invalid="true"{{/from_error}}>
{{#from_error}}<p class="error" id="from-error">{{message}}</p>{{/from_error}}
</div>
<div class="field">
<label for="to">Last day</label>
<input id="to" name="to" type="{{to_type}}" value="{{to}}" aria-describedby="range-hint{{#to_error}} to-error{{/to_error}}"{{#to_error}} aria-invalid="true"{{/to_error}}>
{{#to_error}}<p class="error" id="to-error">{{message}}</p>{{/to_error}}
</div>
<button type="submit">Show</button>
<p class="hint" id="range-hint">Days in India time (YYYY-MM-DD), both included, at most 366 of them. Left empty: the last 30 days, ending today.</p>
</form>
{{#clamped}}<p class="notice" role="status">{{message}}</p>
{{/clamped}}
