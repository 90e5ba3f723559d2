{{%AUTOESCAPE context="HTML"}}
<h1>Where you are signed in</h1>
{{#ended}}<p class="notice" role="status">Signed out of {{count}} other session{{#plural}}s{{/plural}}.</p>{{/ended}}
<table class="rows">
<thead><tr><th scope="col">Device</th><th scope="col">IP address</th><th scope="col">Signed in</th><th scope="col">Last seen</th></tr></thead>
<tbody>
{{#session}}<tr>
<td data-label="Device">{{device}}{{#current}} <strong>(this device)</strong>{{/current}}</td>
<td data-label="IP address">{{ip}}</td>
<td data-label="Signed in"><time datetime="{{signed_in_iso}}">{{signed_in}}</time></td>
<td data-label="Last seen"><time datetime="{{last_seen_iso}}">{{last_seen}}</time></td>
</tr>
{{/session}}</tbody>
</table>
{{#others}}<form method="post" action="/account/sessions/revoke-others">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<button type="submit">Sign out everywhere else</button>
</form>
{{/others}}<p>Times are India Standard Time. A session you do not recognise? <a href="/account/password">Change your password</a>: that signs out every other session too.</p>
<p><a href="/account">Back to your account</a></p>
