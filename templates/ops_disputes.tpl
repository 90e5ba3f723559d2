{{%AUTOESCAPE context="HTML"}}
<h1>Disputes</h1>
<p class="lead">{{total}} open, oldest first. Each waits for a decision that settles the money on both sides.</p>
{{#none}}<p>No dispute is open.</p>{{/none}}
{{#has_rows}}<div class="scroll">
<table class="rows">
<caption>Open disputes</caption>
<thead><tr><th scope="col">Booking</th><th scope="col">Open for</th><th scope="col" class="num">Amount</th><th scope="col">Customer</th><th scope="col">Vendor</th><th scope="col">The customer's reason</th><th scope="col">Vendor answered</th></tr></thead>
<tbody>
{{#row}}<tr><td data-label="Booking"><a href="/ops/disputes/{{id}}">#{{id}} {{service}}</a></td><td data-label="Open for"><time datetime="{{opened_iso}}">{{age}}</time></td><td class="num" data-label="Amount">{{amount}}</td><td data-label="Customer">{{customer}}</td><td data-label="Vendor">{{vendor}}</td><td data-label="The customer's reason">{{reason}}</td><td data-label="Vendor answered">{{answered}}</td></tr>
{{/row}}</tbody>
</table>
</div>{{/has_rows}}
{{#pager}}<nav class="pager" aria-label="Pages">{{#newer}}<a href="/ops/disputes?page={{page}}">Newer</a> {{/newer}}{{#older}}<a href="/ops/disputes?page={{page}}">Older</a>{{/older}}</nav>{{/pager}}
