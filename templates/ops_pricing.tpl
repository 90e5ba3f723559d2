{{%AUTOESCAPE context="HTML"}}
<h1>Pricing</h1>
{{#pricing_on}}<p class="notice">Demand pricing is on: customers booking in a pincode pay the catalogue price times the factor in force below.</p>{{/pricing_on}}
{{#pricing_off}}<p class="notice">Demand pricing is off (the super admin's Settings): customers pay catalogue prices. The factors below show what switching it on would charge.</p>{{/pricing_off}}
<p>Each day the timed jobs count, for each pincode and category, the demand of the last {{window}} days (bookings made, and customers refused because no professional serves there) per active vendor. Up to {{baseline}} requests per vendor is 1.00; each further {{step_demand}} per vendor adds 0.05; demand with no vendor at all is the maximum. Nothing goes above {{cap}} (the maximum setting). An override below wins over the computed factor until it is removed.</p>
<form class="search" method="get" action="/ops/pricing">
<div class="field">
<label for="filter">Pincode</label>
<input id="filter" name="pincode" value="{{filter}}" inputmode="numeric" maxlength="6" placeholder="All pincodes">
</div>
<button type="submit">Show</button>
</form>
{{#none}}<p>No pincode has bookings, refusals, vendors or an override yet: every price is the catalogue's.</p>{{/none}}
<div class="scroll" tabindex="0" role="region" aria-label="Factors by pincode and category">
<table class="rows">
<thead><tr><th scope="col">Pincode</th><th scope="col">Category</th><th scope="col" class="num">Bookings</th><th scope="col" class="num">Refused</th><th scope="col" class="num">Vendors</th><th scope="col" class="num">Computed</th><th scope="col">Override</th><th scope="col" class="num">In force</th></tr></thead>
<tbody>
{{#row}}<tr>
<td data-label="Pincode">{{pincode}}</td>
<td data-label="Category">{{category}}</td>
<td class="num" data-label="Bookings">{{bookings}}</td>
<td class="num" data-label="Refused">{{refused}}</td>
<td class="num" data-label="Vendors">{{vendors}}</td>
<td class="num" data-label="Computed">{{computed}}</td>
<td data-label="Override">{{#override}}<strong>{{factor}}</strong>: {{reason}} <small>({{by}}, <time datetime="{{at_iso}}">{{at}}</time>)</small>{{#removable}}<form method="post" action="/ops/pricing/remove"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="pincode" value="{{pincode}}"><input type="hidden" name="category_id" value="{{category_id}}"><button type="submit" class="link">Remove<span class="visually-hidden"> the override for {{pincode}}</span></button></form>{{/removable}}{{/override}}</td>
<td class="num{{#raised}} factor-raised{{/raised}}" data-label="In force">{{in_force}}</td>
</tr>
{{/row}}</tbody>
</table>
</div>
{{#more}}<p>Showing the first {{shown}}: choose a pincode to see all of its categories.</p>{{/more}}
<section aria-labelledby="override-heading">
<h2 id="override-heading">Override a factor</h2>
{{>error_summary}}
<form class="stack" method="post" action="/ops/pricing">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="pincode">Pincode</label>
<input id="pincode" name="pincode" value="{{pincode}}" inputmode="numeric" maxlength="6" required{{#pincode_error}} aria-invalid="true" aria-describedby="pincode-error"{{/pincode_error}}>
{{#pincode_error}}<p class="error" id="pincode-error">{{message}}</p>{{/pincode_error}}
</div>
<div class="field">
<label for="category_id">Category</label>
<select id="category_id" name="category_id" required{{#category_id_error}} aria-invalid="true" aria-describedby="category_id-error"{{/category_id_error}}>
<option value="">Choose a category</option>
{{#category_option}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}{{#inactive}} (inactive){{/inactive}}</option>
{{/category_option}}</select>
{{#category_id_error}}<p class="error" id="category_id-error">{{message}}</p>{{/category_id_error}}
</div>
<div class="field">
<label for="factor">Factor</label>
<input id="factor" name="factor" value="{{factor}}" inputmode="decimal" maxlength="10" required aria-describedby="factor-hint{{#factor_error}} factor-error{{/factor_error}}"{{#factor_error}} aria-invalid="true"{{/factor_error}}>
<p class="hint" id="factor-hint">From 1.00 to {{cap}}, in steps of 0.05: 1.10 adds 10% to every price of the category in the pincode.</p>
{{#factor_error}}<p class="error" id="factor-error">{{message}}</p>{{/factor_error}}
</div>
<div class="field">
<label for="reason">Reason</label>
<textarea id="reason" name="reason" rows="3" maxlength="500" required{{#reason_error}} aria-invalid="true" aria-describedby="reason-error"{{/reason_error}}>{{reason:pre_escape}}</textarea>
{{#reason_error}}<p class="error" id="reason-error">{{message}}</p>{{/reason_error}}
</div>
<button type="submit">Set the override</button>
</form>
</section>
