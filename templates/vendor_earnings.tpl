{{%AUTOESCAPE context="HTML"}}
<h1>Earnings</h1>
<p class="lead">You earn each job's price minus HomeServe's {{commission}}% commission, once the customer's payment is taken. Earnings are paid out monthly.</p>
<dl class="facts">
<dt>Paid out</dt><dd class="price">{{paid_total}}</dd>
<dt>Pending</dt><dd class="price">{{pending_total}}</dd>
</dl>
<section aria-labelledby="months-heading">
<h2 id="months-heading">By month</h2>
{{#no_earnings}}<p>No earnings yet: they appear when your customers' payments are taken.</p>{{/no_earnings}}
<div class="scroll">
<table class="rows">
<thead><tr><th scope="col">Month</th><th scope="col" class="num">Jobs</th><th scope="col" class="num">Gross</th><th scope="col" class="num">Commission</th><th scope="col" class="num">Net</th><th scope="col" class="num">Paid out</th><th scope="col" class="num">Pending</th></tr></thead>
<tbody>
{{#month}}<tr>
<td data-label="Month">{{month}}</td>
<td class="num" data-label="Jobs">{{count}}</td>
<td class="num" data-label="Gross">{{gross}}</td>
<td class="num" data-label="Commission">{{commission}}</td>
<td class="num" data-label="Net">{{net}}</td>
<td class="num" data-label="Paid out">{{paid}}</td>
<td class="num" data-label="Pending">{{pending}}</td>
</tr>
{{/month}}</tbody>
</table>
</div>
</section>
<section aria-labelledby="latest-heading">
<h2 id="latest-heading">Latest earnings</h2>
<div class="scroll">
<table class="rows">
<thead><tr><th scope="col">Job</th><th scope="col">Paid</th><th scope="col" class="num">Price</th><th scope="col" class="num">Commission</th><th scope="col" class="num">You earn</th><th scope="col">Payout</th></tr></thead>
<tbody>
{{#earning}}<tr>
<td data-label="Job"><a href="/vendor/bookings/{{booking_id}}">#{{booking_id}}</a> {{service}}{{#clawback}}<br><small>Refunded to the customer, your share taken back: {{reason}}</small>{{/clawback}}{{#for}}<br><small>{{reason}}</small>{{/for}}</td>
<td data-label="Paid"><time datetime="{{when_iso}}">{{when}}</time></td>
<td class="num" data-label="Price">{{gross}}</td>
<td class="num" data-label="Commission">{{commission}}</td>
<td class="num" data-label="You earn">{{net}}</td>
<td data-label="Payout">{{#paid}}Paid out{{/paid}}{{#pending}}Pending{{/pending}}</td>
</tr>
{{/earning}}</tbody>
</table>
</div>
</section>
<section aria-labelledby="payouts-heading">
<h2 id="payouts-heading">Payouts</h2>
<ul>
{{#payout}}<li>{{month}}: {{amount}}, {{#paid}}paid <time datetime="{{paid_at_iso}}">{{paid_at}}</time> (reference {{reference}}){{/paid}}{{#pending}}pending{{/pending}}</li>
{{/payout}}</ul>
</section>
