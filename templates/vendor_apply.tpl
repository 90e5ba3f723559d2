{{%AUTOESCAPE context="HTML"}}
<h1>Join HomeServe as a professional</h1>
<p class="lead">Tell us about your work. After this form we send a code to your mobile; then you upload an ID proof and an address proof, and our onboarding team checks your application. You can take jobs once you are verified.</p>
{{>error_summary}}
<form class="stack" method="post" action="/vendor/apply">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="business_name">Business or trading name</label>
<input id="business_name" name="business_name" value="{{business_name}}" maxlength="100" autocomplete="organization" required{{#business_name_error}} aria-invalid="true" aria-describedby="business_name-error"{{/business_name_error}}>
{{#business_name_error}}<p class="error" id="business_name-error">{{message}}</p>{{/business_name_error}}
</div>
<div class="field">
<label for="experience_years">Years of experience</label>
<input id="experience_years" name="experience_years" value="{{experience_years}}" inputmode="numeric" maxlength="2" required{{#experience_years_error}} aria-invalid="true" aria-describedby="experience_years-error"{{/experience_years_error}}>
{{#experience_years_error}}<p class="error" id="experience_years-error">{{message}}</p>{{/experience_years_error}}
</div>
<fieldset id="categories"{{#categories_error}} aria-describedby="categories-error"{{/categories_error}}>
<legend>Services you offer</legend>
{{#category}}<div class="field check"><input id="category-{{slug}}" name="categories" type="checkbox" value="{{slug}}"{{#checked}} checked{{/checked}}><label for="category-{{slug}}">{{name}}</label></div>
{{/category}}{{#categories_error}}<p class="error" id="categories-error">{{message}}</p>{{/categories_error}}
</fieldset>
<div class="field">
<label for="pincodes">Pincodes you serve</label>
<textarea id="pincodes" name="pincodes" rows="2" required aria-describedby="pincodes-hint{{#pincodes_error}} pincodes-error{{/pincodes_error}}"{{#pincodes_error}} aria-invalid="true"{{/pincodes_error}}>{{pincodes:pre_escape}}</textarea>
<p class="hint" id="pincodes-hint">Six-digit pincodes separated by commas or spaces, up to 50.</p>
{{#pincodes_error}}<p class="error" id="pincodes-error">{{message}}</p>{{/pincodes_error}}
</div>
<div class="field">
<label for="address">Your address</label>
<textarea id="address" name="address" rows="3" maxlength="300" autocomplete="street-address" required{{#address_error}} aria-invalid="true" aria-describedby="address-error"{{/address_error}}>{{address:pre_escape}}</textarea>
{{#address_error}}<p class="error" id="address-error">{{message}}</p>{{/address_error}}
</div>
<div class="field">
<label for="pincode">Your pincode</label>
<input id="pincode" name="pincode" value="{{pincode}}" inputmode="numeric" autocomplete="postal-code" maxlength="6" required{{#pincode_error}} aria-invalid="true" aria-describedby="pincode-error"{{/pincode_error}}>
{{#pincode_error}}<p class="error" id="pincode-error">{{message}}</p>{{/pincode_error}}
</div>
<div class="field">
<label for="phone">Mobile number</label>
<input id="phone" name="phone" type="tel" value="{{phone}}" autocomplete="tel" maxlength="20" required aria-describedby="phone-hint{{#phone_error}} phone-error{{/phone_error}}"{{#phone_error}} aria-invalid="true"{{/phone_error}}>
<p class="hint" id="phone-hint">An Indian mobile number: we send it a code by SMS.</p>
{{#phone_error}}<p class="error" id="phone-error">{{message}}</p>{{/phone_error}}
</div>
<div class="field">
<label for="email">Email</label>
<input id="email" name="email" type="email" value="{{email}}" autocomplete="email" maxlength="254" required{{#email_error}} aria-invalid="true" aria-describedby="email-error"{{/email_error}}>
{{#email_error}}<p class="error" id="email-error">{{message}}</p>{{/email_error}}
</div>
<div class="field">
<label for="username">Username</label>
<input id="username" name="username" value="{{username}}" autocomplete="username" maxlength="30" required aria-describedby="username-hint{{#username_error}} username-error{{/username_error}}"{{#username_error}} aria-invalid="true"{{/username_error}}>
<p class="hint" id="username-hint">3 to 30 letters, digits, dots, dashes or underscores: you sign in with it.</p>
{{#username_error}}<p class="error" id="username-error">{{message}}</p>{{/username_error}}
</div>
<div class="field">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="new-password" maxlength="128" required aria-describedby="password-hint{{#password_error}} password-error{{/password_error}}"{{#password_error}} aria-invalid="true"{{/password_error}}>
<p class="hint" id="password-hint">At least 8 characters.</p>
{{#password_error}}<p class="error" id="password-error">{{message}}</p>{{/password_error}}
</div>
<div class="field">
<label for="password_confirm">Password again</label>
<input id="password_confirm" name="password_confirm" type="password" autocomplete="new-password" maxlength="128" required{{#password_confirm_error}} aria-invalid="true" aria-describedby="password_confirm-error"{{/password_confirm_error}}>
{{#password_confirm_error}}<p class="error" id="password_confirm-error">{{message}}</p>{{/password_confirm_error}}
</div>
<button type="submit">Apply</button>
</form>
<p>Applied already? <a href="/login">Sign in</a> to follow your application.</p>
