{{%AUTOESCAPE context="HTML"}}
<h1>Your profile</h1>
<p>{{#verified}}Your profile is <strong>verified</strong>.{{/verified}}{{#unverified}}Your profile is <strong>not verified yet</strong>: jobs are offered once the onboarding team verifies you.{{/unverified}} <a href="/vendors/{{vendor_id}}">See your public page</a>.</p>
{{>error_summary}}
<form class="stack" method="post" action="/vendor/profile" enctype="multipart/form-data">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="display_name">Display name</label>
<input id="display_name" name="display_name" value="{{display_name}}" maxlength="60" autocomplete="name" aria-describedby="display_name-hint{{#display_name_error}} display_name-error{{/display_name_error}}"{{#display_name_error}} aria-invalid="true"{{/display_name_error}}>
<p class="hint" id="display_name-hint">What customers see, for example “Ravi Kumar” or your business name. {{#shown}}Customers now see “{{name}}”; {{/shown}}your username is only for signing in.</p>
{{#display_name_error}}<p class="error" id="display_name-error">{{message}}</p>{{/display_name_error}}
</div>
<div class="field">
<label for="photo">Profile photo</label>
{{#current_photo}}<p><img class="face" src="{{src}}" width="{{width}}" height="{{height}}" alt="Your current photo"></p>{{/current_photo}}
<input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="photo-hint{{#photo_error}} photo-error{{/photo_error}}"{{#photo_error}} aria-invalid="true"{{/photo_error}}>
<p class="hint" id="photo-hint">A JPEG, PNG or WebP photo of your face or logo.{{#current_photo}} Leave empty to keep the current one.{{/current_photo}}</p>
{{#photo_error}}<p class="error" id="photo-error">{{message}}</p>{{/photo_error}}
</div>
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
