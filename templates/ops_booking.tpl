{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/ops/bookings">Bookings</a></p>
<h1>Booking #{{id}}: {{service}}</h1>
<p class="lead"><span class="status status-{{status}}">{{status_label}}</span></p>
<dl class="facts">
<dt>Category</dt><dd>{{category_name}}</dd>
<dt>When</dt><dd><time datetime="{{when_iso}}">{{when}}</time> (about {{duration}} minutes)</dd>
<dt>Where</dt><dd>{{address}}, {{pincode}}</dd>
<dt>Customer</dt><dd>{{customer}}</dd>
<dt>Vendor</dt><dd>{{#vendor}}<a href="/vendors/{{vendor_id}}">{{vendor_name}}</a>{{/vendor}}{{#no_vendor}}Not accepted yet{{/no_vendor}}</dd>
<dt>Price</dt><dd class="price">{{price}}</dd>
{{#has_notes}}<dt>Customer's notes</dt><dd>{{notes}}</dd>{{/has_notes}}
</dl>
<section aria-labelledby="notes-heading" class="panel">
<h2 id="notes-heading">Staff notes</h2>
<p class="hint">Only staff see these notes, never the customer or the vendor.</p>
{{#no_notes}}<p class="muted">No notes yet.</p>{{/no_notes}}
{{#notes}}<ol class="messages">
{{#note}}<li><p class="meta"><strong>{{author}}</strong>, <time datetime="{{when_iso}}">{{when}}</time></p><p class="body">{{body:pre_escape}}</p></li>
{{/note}}</ol>{{/notes}}
{{#note_form}}<form class="stack" method="post" action="/ops/bookings/{{id}}/notes">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="note-body">Add a note</label>
<textarea id="note-body" name="body" rows="3" maxlength="2000" required{{#body_error}} aria-invalid="true" aria-describedby="note-body-error"{{/body_error}}>{{body:pre_escape}}</textarea>
{{#body_error}}<p class="error" id="note-body-error">{{message}}</p>{{/body_error}}
</div>
<button type="submit">Save the note</button>
</form>{{/note_form}}
</section>
{{>signature}}
{{>dispute}}
{{>payment}}
{{>photos}}
<section aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
{{>timeline}}
</section>
{{>thread}}
{{#can_release}}<section aria-labelledby="release-heading" class="panel">
<h2 id="release-heading">Put it back on the job board</h2>
<p class="hint">When its vendor cannot come: the booking waits for another vendor, and the customer and the vendor are told.</p>
<form class="stack" method="post" action="/ops/bookings/{{id}}/release">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="release-reason">Reason, shown to the customer and the vendor</label>
<textarea id="release-reason" name="reason" rows="2" maxlength="500" required{{#reason_error}} aria-invalid="true" aria-describedby="release-reason-error"{{/reason_error}}>{{reason:pre_escape}}</textarea>
{{#reason_error}}<p class="error" id="release-reason-error">{{message}}</p>{{/reason_error}}
</div>
<button type="submit">Put back on the job board</button>
</form>
</section>{{/can_release}}
{{#can_cancel}}<section aria-labelledby="cancel-heading" class="panel">
<h2 id="cancel-heading">Cancel this booking</h2>
{{#refund}}<p>Its payment is captured: cancelling refunds {{amount}} to the customer.</p>{{/refund}}
<form class="stack" method="post" action="/ops/bookings/{{id}}/cancel">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="reason">Reason, shown to the customer and the vendor</label>
<textarea id="reason" name="reason" rows="2" maxlength="500" required{{#reason_error}} aria-invalid="true" aria-describedby="reason-error"{{/reason_error}}>{{reason:pre_escape}}</textarea>
{{#reason_error}}<p class="error" id="reason-error">{{message}}</p>{{/reason_error}}
</div>
<button type="submit" class="danger">Cancel booking</button>
</form>
</section>{{/can_cancel}}
