{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/admin/services">Services</a></p>
<h1>{{#editing}}Edit service{{/editing}}{{#creating}}New service{{/creating}}</h1>
{{>error_summary}}
<form class="stack" method="post" action="{{action}}" enctype="multipart/form-data">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="name">Name</label>
<input id="name" name="name" value="{{name}}" maxlength="100" required{{#name_error}} aria-invalid="true" aria-describedby="name-error"{{/name_error}}>
{{#name_error}}<p class="error" id="name-error">{{message}}</p>{{/name_error}}
</div>
<div class="field">
<label for="category">Category</label>
<select id="category" name="category" required{{#category_error}} aria-invalid="true" aria-describedby="category-error"{{/category_error}}>
<option value="">Choose a category</option>
{{#category_option}}<option value="{{slug}}"{{#selected}} selected{{/selected}}>{{name}}{{#inactive}} (inactive){{/inactive}}</option>
{{/category_option}}</select>
{{#category_error}}<p class="error" id="category-error">{{message}}</p>{{/category_error}}
</div>
<div class="field">
<label for="description">Description</label>
<textarea id="description" name="description" rows="4" maxlength="2000"{{#description_error}} aria-invalid="true" aria-describedby="description-error"{{/description_error}}>{{description:pre_escape}}</textarea>
{{#description_error}}<p class="error" id="description-error">{{message}}</p>{{/description_error}}
</div>
<div class="field">
<label for="price">Price in rupees</label>
<input id="price" name="price" value="{{price}}" inputmode="decimal" maxlength="12" required aria-describedby="price-hint{{#price_error}} price-error{{/price_error}}"{{#price_error}} aria-invalid="true"{{/price_error}}>
<p class="hint" id="price-hint">For example 450 or 449.50, GST included.</p>
{{#price_error}}<p class="error" id="price-error">{{message}}</p>{{/price_error}}
</div>
<div class="field">
<label for="duration_minutes">Duration in minutes</label>
<input id="duration_minutes" name="duration_minutes" value="{{duration_minutes}}" inputmode="numeric" maxlength="3" required{{#duration_minutes_error}} aria-invalid="true" aria-describedby="duration_minutes-error"{{/duration_minutes_error}}>
{{#duration_minutes_error}}<p class="error" id="duration_minutes-error">{{message}}</p>{{/duration_minutes_error}}
</div>
<div class="field">
<label for="included">What is included</label>
<textarea id="included" name="included" rows="4" maxlength="2000" aria-describedby="included-hint{{#included_error}} included-error{{/included_error}}"{{#included_error}} aria-invalid="true"{{/included_error}}>{{included:pre_escape}}</textarea>
<p class="hint" id="included-hint">One item a line, up to 12 items of 120 characters.</p>
{{#included_error}}<p class="error" id="included-error">{{message}}</p>{{/included_error}}
</div>
<div class="field">
<label for="not_included">What is not included</label>
<textarea id="not_included" name="not_included" rows="3" maxlength="2000" aria-describedby="not_included-hint{{#not_included_error}} not_included-error{{/not_included_error}}"{{#not_included_error}} aria-invalid="true"{{/not_included_error}}>{{not_included:pre_escape}}</textarea>
<p class="hint" id="not_included-hint">One item a line, for example “Spare parts, charged separately”.</p>
{{#not_included_error}}<p class="error" id="not_included-error">{{message}}</p>{{/not_included_error}}
</div>
<div class="field">
<label for="image">Picture</label>
{{#current_image}}<p><img src="{{src}}" width="{{width}}" height="{{height}}" alt="The service’s current picture"></p>{{/current_image}}
<input id="image" name="image" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="image-hint{{#image_error}} image-error{{/image_error}}"{{#image_error}} aria-invalid="true"{{/image_error}}>
<p class="hint" id="image-hint">A JPEG, PNG or WebP photo, shown 640 pixels wide at most.{{#current_image}} Leave empty to keep the current picture.{{/current_image}}</p>
{{#image_error}}<p class="error" id="image-error">{{message}}</p>{{/image_error}}
</div>
<div class="field check">
<input id="active" name="active" type="checkbox" value="1"{{#active_checked}} checked{{/active_checked}}>
<label for="active">Active: customers can see and book it</label>
</div>
<button type="submit">{{#editing}}Save changes{{/editing}}{{#creating}}Create service{{/creating}}</button>
</form>
