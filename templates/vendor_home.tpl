{{%AUTOESCAPE context="HTML"}}
<h1>Vendor dashboard</h1>
<section aria-labelledby="account-heading" class="panel">
<h2 id="account-heading">Your account</h2>
<dl class="facts">
<dt>Username</dt><dd>{{username}}</dd>
<dt>Email</dt><dd>{{email}}</dd>
<dt>Mobile</dt><dd>{{phone}}</dd>
<dt>Address</dt><dd>{{address}}</dd>
<dt>Pincode</dt><dd>{{pincode}}</dd>
<dt>Member since</dt><dd>{{member_since}}</dd>
</dl>
</section>
