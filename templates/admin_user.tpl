{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/admin/users">Users</a></p>
<h1>{{username}}</h1>
{{#problem}}<p class="error-summary" role="alert">{{message}}</p>{{/problem}}
<p class="lead">{{role_label}}{{#vendor}}{{#business}}: {{name}}{{/business}}{{/vendor}} {{#active}}<span class="status status-active">Active</span>{{/active}}{{#blocked}}<span class="status status-blocked">Blocked</span>{{/blocked}}</p>
{{#blocked}}{{#recorded}}<p class="error">Blocked <time datetime="{{at_iso}}">{{at}}</time> by {{by}}: {{reason}}</p>{{/recorded}}{{#unrecorded}}<p class="error">Blocked outside these pages: no reason is recorded.</p>{{/unrecorded}}
{{/blocked}}<h2>Profile</h2>
<dl class="facts">
<dt>Username</dt><dd>{{username}}</dd>
<dt>Email</dt><dd>{{email}}</dd>
<dt>Mobile</dt><dd>{{#phone}}{{number}}{{/phone}}{{#no_phone}}None{{/no_phone}}</dd>
<dt>Role</dt><dd>{{role_label}}</dd>
<dt>Member since</dt><dd><time datetime="{{since_iso}}">{{since}}</time></dd>
{{#vendor}}<dt>Vendor</dt><dd><a href="/ops/vendors/{{user_id}}">The application, documents and record</a></dd>
{{/vendor}}</dl>
<section class="decisions" aria-labelledby="actions-heading">
<h2 id="actions-heading">Actions</h2>
{{#own_account}}<p>This is your own account: another super admin must block it, change its role or reset its password. Change your own password with “Forgot your password?” on the sign-in page.</p>
{{/own_account}}{{#vendor_role}}<p>A vendor's role cannot change: their profile, jobs and earnings belong to it. Block the vendor instead.</p>
{{/vendor_role}}{{#action}}<form class="stack" method="post" action="/admin/users/{{user_id}}/{{name}}">
<h3>{{heading}}</h3>
{{#refused}}<p class="error" role="alert">{{message}}</p>{{/refused}}
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="reason-{{name}}">{{heading}}: the reason, which the person reads</label>
<textarea id="reason-{{name}}" name="reason" rows="2" maxlength="500" required aria-describedby="reason-{{name}}-hint{{#reason_error}} reason-{{name}}-error{{/reason_error}}"{{#reason_error}} aria-invalid="true"{{/reason_error}}>{{reason:pre_escape}}</textarea>
<p class="hint" id="reason-{{name}}-hint">{{hint}} 3 to 500 characters.</p>
{{#reason_error}}<p class="error" id="reason-{{name}}-error">{{message}}</p>{{/reason_error}}
</div>
<button type="submit">{{button}}</button>
</form>
{{/action}}{{#role_action}}<form class="stack" method="post" action="/admin/users/{{user_id}}/role">
<h3>{{heading}}</h3>
{{#refused}}<p class="error" role="alert">{{message}}</p>{{/refused}}
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="new-role">New role</label>
<select id="new-role" name="role" required{{#role_error}} aria-invalid="true" aria-describedby="new-role-error"{{/role_error}}>
<option value="">Choose a role</option>
{{#role_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/role_option}}</select>
{{#role_error}}<p class="error" id="new-role-error">{{message}}</p>{{/role_error}}
</div>
<div class="field">
<label for="reason-role">Change the role: the reason, which the person reads</label>
<textarea id="reason-role" name="reason" rows="2" maxlength="500" required aria-describedby="reason-role-hint{{#reason_error}} reason-role-error{{/reason_error}}"{{#reason_error}} aria-invalid="true"{{/reason_error}}>{{reason:pre_escape}}</textarea>
<p class="hint" id="reason-role-hint">{{hint}} 3 to 500 characters.</p>
{{#reason_error}}<p class="error" id="reason-role-error">{{message}}</p>{{/reason_error}}
</div>
<button type="submit">{{button}}</button>
</form>
{{/role_action}}</section>
<h2>Sign-ins</h2>
{{#no_signins}}<p>No sign-ins yet.</p>{{/no_signins}}
{{#signins}}<div class="scroll" tabindex="0" role="region" aria-label="Sign-ins, newest first">
<table class="rows">
<thead><tr><th scope="col">When</th><th scope="col">Address</th><th scope="col">Browser</th></tr></thead>
<tbody>
{{#signin}}<tr><td data-label="When"><time datetime="{{when_iso}}">{{when}}</time></td><td data-label="Address">{{ip}}</td><td data-label="Browser"><small>{{user_agent}}</small></td></tr>
{{/signin}}</tbody>
</table>
</div>
{{/signins}}
<h2>Bookings</h2>
{{#no_bookings}}<p>No bookings.</p>{{/no_bookings}}
{{#as_customer}}<h3>As the customer</h3>
<div class="scroll" tabindex="0" role="region" aria-label="Bookings as the customer">
<table class="rows">
<thead><tr><th scope="col">Booking</th><th scope="col">Service</th><th scope="col">When</th><th scope="col">Status</th><th scope="col" class="num">Price</th></tr></thead>
<tbody>
{{#booking}}<tr><td data-label="Booking"><a href="/ops/bookings/{{id}}">#{{id}}</a></td><td data-label="Service">{{service}}</td><td data-label="When"><time datetime="{{when_iso}}">{{when}}</time></td><td data-label="Status"><span class="status status-{{status}}">{{status_label}}</span></td><td class="num" data-label="Price">{{price}}</td></tr>
{{/booking}}</tbody>
</table>
</div>
{{/as_customer}}{{#as_vendor}}<h3>As the vendor</h3>
<div class="scroll" tabindex="0" role="region" aria-label="Jobs as the vendor">
<table class="rows">
<thead><tr><th scope="col">Booking</th><th scope="col">Service</th><th scope="col">When</th><th scope="col">Status</th><th scope="col" class="num">Price</th></tr></thead>
<tbody>
{{#booking}}<tr><td data-label="Booking"><a href="/ops/bookings/{{id}}">#{{id}}</a></td><td data-label="Service">{{service}}</td><td data-label="When"><time datetime="{{when_iso}}">{{when}}</time></td><td data-label="Status"><span class="status status-{{status}}">{{status_label}}</span></td><td class="num" data-label="Price">{{price}}</td></tr>
{{/booking}}</tbody>
</table>
</div>
{{/as_vendor}}<h2>Payments</h2>
{{#no_payments}}<p>No payments.</p>{{/no_payments}}
{{#payments}}<div class="scroll" tabindex="0" role="region" aria-label="Payments, newest first">
<table class="rows">
<thead><tr><th scope="col">Payment</th><th scope="col">For</th><th scope="col">Method</th><th scope="col">Status</th><th scope="col">Opened</th><th scope="col" class="num">Amount</th></tr></thead>
<tbody>
{{#payment}}<tr><td data-label="Payment">#{{id}}</td><td data-label="For">{{side}} <a href="/ops/bookings/{{booking_id}}">booking #{{booking_id}}</a> ({{service}})</td><td data-label="Method">{{method}}</td><td data-label="Status"><span class="status status-{{status}}">{{status_label}}</span></td><td data-label="Opened"><time datetime="{{when_iso}}">{{when}}</time></td><td class="num" data-label="Amount">{{amount}}</td></tr>
{{/payment}}</tbody>
</table>
</div>
{{/payments}}
<h2>Audit log</h2>
<p>The latest 50 entries about this account.</p>
{{#no_entries}}<p>No entries.</p>{{/no_entries}}
{{#entries}}<div class="scroll" tabindex="0" role="region" aria-label="Audit entries about this account">
<table class="audit rows">
<thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">From</th></tr></thead>
<tbody>
{{#entry}}<tr><td class="num" data-label="Entry">{{id}}</td><td data-label="When"><time datetime="{{when_iso}}">{{when}}</time></td><td data-label="Who">{{actor}}</td><td data-label="Action">{{action}}</td><td data-label="Before"><code>{{old_values}}</code></td><td data-label="After"><code>{{new_values}}</code></td><td data-label="From">{{ip}}</td></tr>
{{/entry}}</tbody>
</table>
</div>
{{/entries}}
