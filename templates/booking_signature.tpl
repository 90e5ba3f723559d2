{{%AUTOESCAPE context="HTML"}}
{{#signature}}<section aria-labelledby="signature-heading" class="panel">
<h2 id="signature-heading">Satisfaction signature</h2>
<p><span class="status status-{{status}}">{{status_label}}</span></p>
{{#requested}}<p>{{sign_by}} <time datetime="{{deadline_iso}}">{{deadline}}</time>.</p>
{{/requested}}{{#can_sign}}<p><a class="button" href="{{sign_url}}">Check the work and pay</a></p>
<p><a href="{{sign_url}}#reject-heading">Not satisfied? Reject and open a dispute</a></p>
{{/can_sign}}{{#signed}}<p>Signed <time datetime="{{signed_at_iso}}">{{signed_at}}</time>, rated {{rating_text}}.</p>
{{#has_comments}}<p class="comments">{{comments}}</p>
{{/has_comments}}{{/signed}}{{#rejected}}<p>Rejected: {{reason}}</p>
{{/rejected}}{{#expired}}<p>Not signed in time.</p>
{{/expired}}<p><a href="{{view_url}}">The signature record and its checks</a></p>
</section>
{{/signature}}
