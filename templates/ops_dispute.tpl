{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/ops/disputes">Disputes</a> › <a href="/ops/bookings/{{id}}">Booking #{{id}}</a></p>
<h1>Dispute on booking #{{id}}: {{service}}</h1>
<p class="lead"><span class="status status-{{status}}">{{status_label}}</span> Open for {{age}}.</p>
<dl class="facts">
<dt>When</dt><dd><time datetime="{{when_iso}}">{{when}}</time></dd>
<dt>Where</dt><dd>{{address}}, {{pincode}}</dd>
<dt>Customer</dt><dd>{{customer}}</dd>
<dt>Vendor</dt><dd>{{#vendor}}<a href="/vendors/{{vendor_id}}">{{vendor_name}}</a>{{/vendor}}</dd>
<dt>Price</dt><dd class="price">{{price}}</dd>
</dl>
<section class="panel" aria-labelledby="history-heading">
<h2 id="history-heading">Both parties' history</h2>
<dl class="facts">
{{#customer_history}}<dt>The customer</dt><dd>{{bookings}} bookings, {{disputes}} disputed; {{ratings}} ratings given, average {{average}}</dd>{{/customer_history}}
{{#vendor_history}}<dt>The vendor</dt><dd>{{bookings}} jobs, {{disputes}} disputed; {{ratings}} ratings received, average {{average}}</dd>{{/vendor_history}}
</dl>
</section>
{{>dispute}}
{{#can_resolve}}<section class="panel" aria-labelledby="decide-heading">
<h2 id="decide-heading">Decide</h2>
{{#problem}}<p class="error-summary" role="alert">{{message}}</p>{{/problem}}
{{>error_summary}}
<form class="stack" method="post" action="/ops/disputes/{{id}}/resolve">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<fieldset id="outcome"{{#outcome_error}} aria-describedby="outcome-error"{{/outcome_error}}>
<legend>Outcome</legend>
{{#outcome}}<div class="field check"><input id="outcome-{{value}}" name="outcome" type="radio" value="{{value}}" required{{#checked}} checked{{/checked}}><label for="outcome-{{value}}">{{label}}</label></div>
{{/outcome}}{{#outcome_error}}<p class="error" id="outcome-error">{{message}}</p>{{/outcome_error}}</fieldset>
<div class="field">
<label for="amount">Amount to refund, in rupees <small>(partial refund only; the vendor's share is reduced in proportion)</small></label>
<input id="amount" name="amount" inputmode="decimal" value="{{amount}}"{{#amount_error}} aria-invalid="true" aria-describedby="amount-error"{{/amount_error}}>
{{#amount_error}}<p class="error" id="amount-error">{{message}}</p>{{/amount_error}}
</div>
<fieldset id="redo_vendor"{{#redo_vendor_error}} aria-describedby="redo_vendor-error"{{/redo_vendor_error}}>
<legend>Follow-up visit <small>(free visit only; the payment is held until it is signed)</small></legend>
<div class="field check"><input id="redo-same" name="redo_vendor" type="radio" value="same"{{#same_checked}} checked{{/same_checked}}><label for="redo-same">The same vendor</label></div>
<div class="field check"><input id="redo-board" name="redo_vendor" type="radio" value="board"{{#board_checked}} checked{{/board_checked}}><label for="redo-board">Back on the job board</label></div>
{{#redo_vendor_error}}<p class="error" id="redo_vendor-error">{{message}}</p>{{/redo_vendor_error}}
<div class="field">
<label for="when">When <small>(empty: in two days at 10 am)</small></label>
<input id="when" name="when" {{#when_as_text}}type="text"{{/when_as_text}}{{#when_as_picker}}type="datetime-local"{{/when_as_picker}} value="{{redo_when}}"{{#when_error}} aria-invalid="true" aria-describedby="when-error"{{/when_error}}>
{{#when_error}}<p class="error" id="when-error">{{message}}</p>{{/when_error}}
</div>
</fieldset>
<div class="field">
<label for="note">Note to the customer and the vendor</label>
<textarea id="note" name="note" rows="4" maxlength="2000" required{{#note_error}} aria-invalid="true" aria-describedby="note-error"{{/note_error}}>{{note:pre_escape}}</textarea>
{{#note_error}}<p class="error" id="note-error">{{message}}</p>{{/note_error}}
</div>
<button type="submit">Settle the dispute</button>
</form>
</section>{{/can_resolve}}
{{>signature}}
{{>payment}}
{{>photos}}
<section aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
{{>timeline}}
</section>
{{>thread}}
