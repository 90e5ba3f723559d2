{{%AUTOESCAPE context="HTML"}}
<h1>Payments</h1>
<form class="search" method="get" action="/ops/payments">
<div class="field">
<label for="status">Status</label>
<select id="status" name="status">
<option value="">All statuses</option>
{{#status_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/status_option}}</select>
</div>
<div class="field">
<label for="from">From (India time)</label>
<input id="from" name="from" type="date" value="{{from}}">
</div>
<div class="field">
<label for="to">To (included)</label>
<input id="to" name="to" type="date" value="{{to}}">
</div>
<button type="submit">Show</button>
</form>
{{#none}}<p>No payments.</p>{{/none}}
<div class="scroll">
<table class="rows">
<thead><tr><th scope="col">Payment</th><th scope="col">Booking</th><th scope="col">Customer</th><th scope="col">Vendor</th><th scope="col">Created</th><th scope="col">Status</th><th scope="col">Method</th><th scope="col" class="num">Amount</th><th scope="col">Gateway error</th></tr></thead>
<tbody>
{{#payment}}<tr>
<td data-label="Payment">#{{id}}{{#receipt}}<br><small>Receipt #{{number}}</small>{{/receipt}}</td>
<td data-label="Booking"><a href="/ops/bookings/{{booking_id}}#payment-heading">#{{booking_id}}</a> {{service}}</td>
<td data-label="Customer">{{customer}}</td>
<td data-label="Vendor">{{vendor}}</td>
<td data-label="Created"><time datetime="{{created_iso}}">{{created}}</time></td>
<td data-label="Status"><span class="status status-{{status}}">{{status_label}}</span></td>
<td data-label="Method">{{method}} ({{gateway}})</td>
<td class="num" data-label="Amount">{{amount}}{{#refunded}}<br><small>refunded {{amount}}</small>{{/refunded}}</td>
<td data-label="Gateway error">{{#error}}<span class="error">{{message}}</span>{{/error}}</td>
</tr>
{{/payment}}</tbody>
</table>
</div>
<nav class="pager" aria-label="Payment pages">
{{#older}}<a href="{{href}}">Older payments</a>{{/older}}
</nav>
