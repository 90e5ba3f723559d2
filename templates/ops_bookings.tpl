{{%AUTOESCAPE context="HTML"}}
<h1>Bookings</h1>
<form class="search" method="get" action="/ops/bookings">
<div class="field">
<label for="status">Status</label>
<select id="status" name="status">
<option value="">All statuses</option>
{{#status_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/status_option}}</select>
</div>
<button type="submit">Show</button>
</form>
{{#none}}<p>No bookings.</p>{{/none}}
<div class="scroll">
<table>
<thead><tr><th scope="col">Booking</th><th scope="col">Service</th><th scope="col">Customer</th><th scope="col">Vendor</th><th scope="col">When</th><th scope="col">Status</th><th scope="col" class="num">Price</th></tr></thead>
<tbody>
{{#booking}}<tr>
<td><a href="/ops/bookings/{{id}}">#{{id}}</a></td>
<td>{{service}}</td>
<td>{{customer}}</td>
<td>{{vendor}}</td>
<td><time datetime="{{when_iso}}">{{when}}</time></td>
<td><span class="status status-{{status}}">{{status_label}}</span></td>
<td class="num">{{price}}</td>
</tr>
{{/booking}}</tbody>
</table>
</div>
<nav class="pager" aria-label="Booking pages">
{{#older}}<a href="/ops/bookings?status={{status}}&amp;before={{before}}">Older bookings</a>{{/older}}
</nav>
