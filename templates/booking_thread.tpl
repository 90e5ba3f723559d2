{{%AUTOESCAPE context="HTML"}}
<section aria-labelledby="messages" class="thread">
<h2 id="messages">Messages</h2>
{{#no_messages}}<p class="muted">No messages yet.</p>{{/no_messages}}
<ol class="messages">
{{#message}}<li{{#mine}} class="mine"{{/mine}}><p class="meta"><strong>{{from}}</strong>, <time datetime="{{when_iso}}">{{when}}</time></p><p class="body">{{body:pre_escape}}</p></li>
{{/message}}</ol>
{{#message_form}}<form class="stack" method="post" action="{{action}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="body">{{label}}</label>
<textarea id="body" name="body" rows="3" maxlength="2000" required{{#body_error}} aria-invalid="true" aria-describedby="body-error"{{/body_error}}>{{body:pre_escape}}</textarea>
{{#body_error}}<p class="error" id="body-error">{{message}}</p>{{/body_error}}
</div>
<button type="submit" class="secondary">Send</button>
</form>{{/message_form}}
</section>
