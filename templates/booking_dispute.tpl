{{%AUTOESCAPE context="HTML"}}
{{#dispute}}<section class="panel" aria-labelledby="dispute-heading">
<h2 id="dispute-heading">Dispute</h2>
<p><span class="status status-{{state}}">{{state_label}}</span> Opened <time datetime="{{opened_iso}}">{{opened}}</time>.</p>
<h3>The customer's reason</h3>
<p class="comments">{{reason}}</p>
<h3>The vendor's answer</h3>
{{#answered}}<p class="comments">{{response}}</p>
<p><small>Answered <time datetime="{{responded_iso}}">{{responded}}</time>.</small></p>
{{/answered}}{{#unanswered}}<p>No answer yet.</p>
{{/unanswered}}{{#can_answer}}<form class="stack" method="post" action="/vendor/bookings/{{id}}/dispute-response" enctype="multipart/form-data">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="dispute-body">Your answer to the customer's complaint</label>
<textarea id="dispute-body" name="body" rows="5" maxlength="2000" required aria-describedby="dispute-body-hint{{#answer_error}} dispute-body-error{{/answer_error}}"{{#answer_error}} aria-invalid="true"{{/answer_error}}>{{draft:pre_escape}}</textarea>
<p class="hint" id="dispute-body-hint">You can answer once. HomeServe's operations team reads both sides, with the photos and the messages, before deciding.</p>
{{#answer_error}}<p class="error" id="dispute-body-error">{{message}}</p>{{/answer_error}}
</div>
<div class="field">
<label for="dispute-image">A photo <small>(optional; JPEG, PNG or WebP)</small></label>
<input id="dispute-image" name="image" type="file" accept="image/jpeg,image/png,image/webp">
</div>
<button type="submit">Send my answer</button>
</form>
{{/can_answer}}{{#resolved}}<h3>HomeServe's decision</h3>
<p><strong>{{outcome_label}}</strong>{{#refunded}}: {{refund}} refunded{{/refunded}}, <time datetime="{{resolved_iso}}">{{resolved}}</time>.</p>
<p class="comments">{{note}}</p>
{{#redo}}<p>The free follow-up visit: <a href="{{redo_url}}">booking #{{redo_id}}</a>. The payment is taken once it is signed.</p>
{{/redo}}{{/resolved}}{{#waiting}}<p>HomeServe's operations team will decide, and tell you both.</p>
{{/waiting}}</section>
{{/dispute}}
