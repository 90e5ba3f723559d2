{{%AUTOESCAPE context="HTML"}}
<p class="crumbs no-print"><a href="{{booking_url}}">Booking #{{booking_id}}</a></p>
<article class="receipt panel" aria-labelledby="receipt-heading">
<h1 id="receipt-heading">Receipt #{{number}}</h1>
<p class="lead">HomeServe · payment received <time datetime="{{date_iso}}">{{date}}</time></p>
<dl class="facts">
<dt>Receipt number</dt><dd>{{number}}</dd>
<dt>Date</dt><dd><time datetime="{{date_iso}}">{{date}}</time></dd>
<dt>Booking</dt><dd>#{{booking_id}}, <time datetime="{{when_iso}}">{{when}}</time></dd>
<dt>Service</dt><dd>{{service}}</dd>
{{#late_fee}}<dt>For</dt><dd>A late-cancellation fee: the booking was cancelled close to its visit</dd>
{{/late_fee}}
<dt>Vendor</dt><dd>{{vendor}}</dd>
<dt>Customer</dt><dd>{{customer}}</dd>
<dt>Paid with</dt><dd>{{paid_with}}</dd>
<dt>Amount</dt><dd class="price">{{amount}}</dd>
{{#adjusted}}<dt>Busy-area adjustment</dt><dd>The amount includes a {{percent}}% busy-area adjustment</dd>
{{/adjusted}}<dt>GST</dt><dd>GST at {{gst_rate}}% included: {{gst}}</dd>
{{#refunded}}<dt>Refunded</dt><dd>{{amount}}</dd>
{{/refunded}}</dl>
<p class="muted">Prices on HomeServe include GST. This receipt was issued when the payment was taken.</p>
</article>
<p class="no-print">Use your browser's Print command to print this receipt or save it as a PDF.</p>
