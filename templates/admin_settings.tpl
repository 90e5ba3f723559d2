{{%AUTOESCAPE context="HTML"}}
<h1>Settings</h1>
<p>These rules apply from the moment they are saved, on every page. A booking already made keeps its price, its GST and its window to sign.</p>
{{>error_summary}}
<form class="stack" method="post" action="/admin/settings">
<input type="hidden" name="csrf_token" value="{{csrf}}">
{{#group}}<fieldset>
<legend>{{legend}}</legend>
{{#setting}}{{#switch}}<div class="field check">
<input id="{{key}}" name="{{key}}" type="checkbox" value="1"{{#checked}} checked{{/checked}} aria-describedby="{{key}}-hint">
<label for="{{key}}">{{label}}</label>
</div>
{{/switch}}{{#text}}<div class="field">
<label for="{{key}}">{{label}}{{#unit}} <small>({{text}})</small>{{/unit}}</label>
<input id="{{key}}" name="{{key}}" value="{{value}}" inputmode="{{inputmode}}" maxlength="10" required aria-describedby="{{key}}-hint{{#invalid}} {{key}}-error{{/invalid}}"{{#invalid}} aria-invalid="true"{{/invalid}}>
</div>
{{/text}}{{#time}}<div class="field">
<label for="{{key}}">{{label}}</label>
<input id="{{key}}" name="{{key}}" type="time" value="{{value}}" required aria-describedby="{{key}}-hint{{#invalid}} {{key}}-error{{/invalid}}"{{#invalid}} aria-invalid="true"{{/invalid}}>
</div>
{{/time}}<p class="hint" id="{{key}}-hint">{{help}}</p>
{{#error}}<p class="error" id="{{key}}-error">{{message}}</p>{{/error}}
{{/setting}}</fieldset>
{{/group}}<button type="submit">Save settings</button>
</form>
