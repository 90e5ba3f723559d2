{{%AUTOESCAPE context="HTML"}}
<h1>Your profile</h1>
<p>{{#verified}}Your profile is <strong>verified</strong>.{{/verified}}{{#unverified}}Your profile is <strong>not verified yet</strong>: jobs are offered once the onboarding team verifies you.{{/unverified}} <a href="/vendors/{{vendor_id}}">See your public page</a>.</p>
{{>error_summary}}
<form class="stack" method="post" action="/vendor/profile">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<fieldset id="categories"{{#categories_error}} aria-describedby="categories-error"{{/categories_error}}>
<legend>Categories you work in</legend>
{{#category}}<div class="field check"><input id="category-{{slug}}" name="categories" type="checkbox" value="{{slug}}"{{#checked}} checked{{/checked}}><label for="category-{{slug}}">{{name}}{{#inactive}} (inactive: customers cannot book it now; untick it to leave it){{/inactive}}</label></div>
{{/category}}{{#categories_error}}<p class="error" id="categories-error">{{message}}</p>{{/categories_error}}
</fieldset>
<div class="field">
<label for="pincodes">Pincodes you serve</label>
<textarea id="pincodes" name="pincodes" rows="2" required aria-describedby="pincodes-hint{{#pincodes_error}} pincodes-error{{/pincodes_error}}"{{#pincodes_error}} aria-invalid="true"{{/pincodes_error}}>{{pincodes:pre_escape}}</textarea>
<p class="hint" id="pincodes-hint">Six-digit pincodes separated by commas, up to 50.</p>
{{#pincodes_error}}<p class="error" id="pincodes-error">{{message}}</p>{{/pincodes_error}}
</div>
<button type="submit">Save profile</button>
</form>
