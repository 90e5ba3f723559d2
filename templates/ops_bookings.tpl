{{%AUTOESCAPE context="HTML"}}
<h1>Bookings</h1>
{{#form_errors}}<p class="error-summary" role="alert">Please correct the {{count}} filter(s) marked below.</p>{{/form_errors}}
<form class="search" method="get" action="/ops/bookings">
<div class="field">
<label for="q">Booking number</label>
<input id="q" name="q" value="{{q}}" maxlength="20" inputmode="numeric"{{#q_error}} aria-invalid="true" aria-describedby="q-error"{{/q_error}}>
{{#q_error}}<p class="error" id="q-error">{{message}}</p>{{/q_error}}
</div>
<div class="field">
<label for="status">Status</label>
<select id="status" name="status">
<option value="">All statuses</option>
{{#status_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/status_option}}</select>
</div>
<div class="field">
<label for="from">Scheduled from (India time)</label>
<input id="from" name="from" type="{{from_type}}" value="{{from}}"{{#from_error}} aria-invalid="true" aria-describedby="from-error"{{/from_error}}>
{{#from_error}}<p class="error" id="from-error">{{message}}</p>{{/from_error}}
</div>
<div class="field">
<label for="to">To (included)</label>
<input id="to" name="to" type="{{to_type}}" value="{{to}}"{{#to_error}} aria-invalid="true" aria-describedby="to-error"{{/to_error}}>
{{#to_error}}<p class="error" id="to-error">{{message}}</p>{{/to_error}}
</div>
<div class="field">
<label for="pincode">Pincode</label>
<input id="pincode" name="pincode" value="{{pincode}}" maxlength="6" inputmode="numeric"{{#pincode_error}} aria-invalid="true" aria-describedby="pincode-error"{{/pincode_error}}>
{{#pincode_error}}<p class="error" id="pincode-error">{{message}}</p>{{/pincode_error}}
</div>
<div class="field">
<label for="service_id">Service</label>
<select id="service_id" name="service_id">
<option value="">All services</option>
{{#service_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/service_option}}</select>
</div>
<div class="field">
<label for="vendor">Vendor's username</label>
<input id="vendor" name="vendor" value="{{vendor}}" maxlength="30" autocomplete="off"{{#vendor_error}} aria-invalid="true" aria-describedby="vendor-error"{{/vendor_error}}>
{{#vendor_error}}<p class="error" id="vendor-error">{{message}}</p>{{/vendor_error}}
</div>
<div class="field">
<label for="customer">Customer's username</label>
<input id="customer" name="customer" value="{{customer}}" maxlength="30" autocomplete="off"{{#customer_error}} aria-invalid="true" aria-describedby="customer-error"{{/customer_error}}>
{{#customer_error}}<p class="error" id="customer-error">{{message}}</p>{{/customer_error}}
</div>
<div class="field">
<label for="order">Order</label>
<select id="order" name="order">
{{#order_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/order_option}}</select>
</div>
<button type="submit">Show</button>
<a href="/ops/bookings">Clear the filters</a>
</form>
{{#clamped}}<p class="notice" role="status">{{message}}</p>{{/clamped}}
{{#counts}}<nav aria-label="Bookings by status, under the other filters">
<ul class="chips counts">
{{#count}}<li><a href="{{href}}"{{#current}} aria-current="true"{{/current}}>{{label}}: {{n}}</a></li>
{{/count}}</ul>
</nav>{{/counts}}
{{#none}}<p>No bookings match.</p>{{/none}}
{{#past_end}}<p>No bookings on this page: there are fewer. <a href="{{href}}">Back to the first page</a></p>{{/past_end}}
{{#download}}<p><a href="{{href}}">Download these bookings (CSV)</a></p>{{/download}}
{{#table}}<div class="scroll" tabindex="0" role="region" aria-label="Bookings, by scheduled time">
<table class="rows">
<thead><tr><th scope="col">Booking</th><th scope="col">Service</th><th scope="col">Customer</th><th scope="col">Vendor</th><th scope="col">When</th><th scope="col">Pincode</th><th scope="col">Status</th><th scope="col" class="num">Price</th></tr></thead>
<tbody>
{{#booking}}<tr>
<td data-label="Booking"><a href="/ops/bookings/{{id}}">#{{id}}</a></td>
<td data-label="Service">{{service}}</td>
<td data-label="Customer">{{customer}}</td>
<td data-label="Vendor">{{vendor}}</td>
<td data-label="When"><time datetime="{{when_iso}}">{{when}}</time></td>
<td data-label="Pincode">{{pincode}}</td>
<td data-label="Status"><span class="status status-{{status}}">{{status_label}}</span></td>
<td class="num" data-label="Price">{{price}}</td>
</tr>
{{/booking}}</tbody>
</table>
</div>{{/table}}
{{#pager}}<nav class="pager" aria-label="Booking pages">
{{#previous}}<a href="{{href}}">Previous page</a>{{/previous}}
<span>Page {{page}} of {{pages}}, {{total}} bookings</span>
{{#next}}<a href="{{href}}">Next page</a>{{/next}}
</nav>{{/pager}}
