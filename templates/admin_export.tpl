{{%AUTOESCAPE context="HTML"}}
<h1>Exports</h1>
<p class="lead">Download the platform's records as CSV files in UTF-8, for a spreadsheet or the accountant. Amounts are in rupees, times in India Standard Time. Every download is written to the audit log.</p>
<form class="exports" method="get" action="/admin/export/users.csv">
<fieldset>
<legend>Which days</legend>
<div class="field">
<label for="from">From</label>
<input id="from" name="from" type="date" aria-describedby="range-hint">
</div>
<div class="field">
<label for="to">To</label>
<input id="to" name="to" type="date" aria-describedby="range-hint">
</div>
<p class="hint" id="range-hint">Both days are included (YYYY-MM-DD). Rows are chosen by the day they were created; audit entries by the day they happened. Leave a date empty for no limit.</p>
</fieldset>
<ul class="exports">
{{#export}}<li><button type="submit" formaction="/admin/export/{{name}}.csv" aria-describedby="export-{{name}}">{{label}}</button> <span id="export-{{name}}">{{summary}}</span></li>
{{/export}}</ul>
</form>
