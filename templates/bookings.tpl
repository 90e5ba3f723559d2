{{%AUTOESCAPE context="HTML"}}
<h1>My bookings</h1>
<p><a class="button" href="/services">Book a service</a></p>
{{#no_bookings}}<p>You have no bookings yet.</p>{{/no_bookings}}
<div class="scroll">
<table class="rows">
<thead><tr><th scope="col">Booking</th><th scope="col">Service</th><th scope="col">When</th><th scope="col">Status</th><th scope="col" class="num">Price</th></tr></thead>
<tbody>
{{#booking}}<tr>
<td data-label="Booking"><a href="/bookings/{{id}}">#{{id}}</a></td>
<td data-label="Service">{{service}}</td>
<td data-label="When"><time datetime="{{when_iso}}">{{when}}</time></td>
<td data-label="Status"><span class="status status-{{status}}">{{status_label}}</span></td>
<td class="num" data-label="Price">{{price}}</td>
</tr>
{{/booking}}</tbody>
</table>
</div>
<nav class="pager" aria-label="Booking pages">
{{#not_newest}}<a href="/bookings">Newest bookings</a>{{/not_newest}}
{{#older}}<a href="/bookings?before={{before}}">Older bookings</a>{{/older}}
</nav>
