{{%AUTOESCAPE context="HTML"}}
<h1>My addresses</h1>
{{#problem}}<p class="error-summary" role="alert">{{message}}</p>{{/problem}}
{{#none}}<p>You have no saved addresses.</p>{{/none}}
<ul class="addresses">
{{#address}}<li class="panel"><p>{{text}}, {{pincode}}{{#default}} <strong>(default)</strong>{{/default}}</p>
{{#not_default}}<form method="post" action="/addresses/{{id}}/default"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="link">Make default</button></form>{{/not_default}}
<form method="post" action="/addresses/{{id}}/delete"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="link">Delete</button></form>
</li>
{{/address}}</ul>
<h2>Add an address</h2>
{{>error_summary}}
<form class="stack" method="post" action="/addresses">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="address">Address</label>
<textarea id="address" name="address" rows="3" maxlength="300" required{{#address_error}} aria-invalid="true" aria-describedby="address-error"{{/address_error}}>{{address:pre_escape}}</textarea>
{{#address_error}}<p class="error" id="address-error">{{message}}</p>{{/address_error}}
</div>
<div class="field">
<label for="pincode">Pincode</label>
<input id="pincode" name="pincode" value="{{pincode}}" inputmode="numeric" maxlength="6" required{{#pincode_error}} aria-invalid="true" aria-describedby="pincode-error"{{/pincode_error}}>
{{#pincode_error}}<p class="error" id="pincode-error">{{message}}</p>{{/pincode_error}}
</div>
<div class="field check">
<input id="make_default" name="make_default" type="checkbox" value="1"{{#make_default_checked}} checked{{/make_default_checked}}>
<label for="make_default">Make this my default address</label>
</div>
<button type="submit">Save address</button>
</form>
