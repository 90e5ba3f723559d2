{{%AUTOESCAPE context="HTML"}}
<h1>Payouts</h1>
<p class="lead">Each vendor's earnings (price minus commission) add up to one payout per month. Mark a payout paid once the bank transfer is made.</p>
{{>error_summary}}
<section aria-labelledby="pending-heading">
<h2 id="pending-heading">Pending: {{pending_total}}</h2>
{{#none_pending}}<p>Nothing to pay out.</p>{{/none_pending}}
<div class="scroll">
<table class="rows">
<thead><tr><th scope="col">Vendor</th><th scope="col">Month</th><th scope="col" class="num">Jobs</th><th scope="col" class="num">Amount</th><th scope="col">Mark paid</th></tr></thead>
<tbody>
{{#pending}}<tr>
<td data-label="Vendor"><a href="/vendors/{{vendor_id}}">{{vendor}}</a></td>
<td data-label="Month">{{month}}</td>
<td class="num" data-label="Jobs">{{earnings}}</td>
<td class="num" data-label="Amount">{{amount}}</td>
<td data-label="Mark paid">{{#can_pay}}<form class="search" method="post" action="{{action}}">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="reference-{{id}}">Bank reference</label>
<input id="reference-{{id}}" name="reference" value="{{reference}}" maxlength="100" required{{#reference_error}} aria-invalid="true" aria-describedby="reference-{{id}}-error"{{/reference_error}}>
{{#reference_error}}<p class="error" id="reference-{{id}}-error">{{message}}</p>{{/reference_error}}
</div>
<button type="submit">Mark paid</button>
</form>{{/can_pay}}</td>
</tr>
{{/pending}}</tbody>
</table>
</div>
</section>
<section aria-labelledby="paid-heading">
<h2 id="paid-heading">Recently paid</h2>
{{#none_paid}}<p>No payouts are paid yet.</p>{{/none_paid}}
<div class="scroll">
<table class="rows">
<thead><tr><th scope="col">Vendor</th><th scope="col">Month</th><th scope="col" class="num">Amount</th><th scope="col">Reference</th><th scope="col">Paid</th></tr></thead>
<tbody>
{{#paid}}<tr>
<td data-label="Vendor">{{vendor}}</td>
<td data-label="Month">{{month}}</td>
<td class="num" data-label="Amount">{{amount}}</td>
<td data-label="Reference">{{reference}}</td>
<td data-label="Paid"><time datetime="{{paid_at_iso}}">{{paid_at}}</time> by {{paid_by}}</td>
</tr>
{{/paid}}</tbody>
</table>
</div>
</section>
