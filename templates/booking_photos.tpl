{{%AUTOESCAPE context="HTML"}}
<section aria-labelledby="photos-heading">
<h2 id="photos-heading">Photos</h2>
{{#no_photos}}<p class="muted">No photos yet.</p>
{{/no_photos}}{{#has_photos}}<ul class="photos">
{{#photo}}<li><figure><a href="{{url}}"><img src="{{url}}" width="320" alt="{{kind_label}} photo{{#has_description}}: {{description}}{{/has_description}}"></a>
<figcaption><strong>{{kind_label}}</strong> · <time datetime="{{when_iso}}">{{when}}</time>{{#has_description}} · {{description}}{{/has_description}}</figcaption></figure></li>
{{/photo}}</ul>
{{/has_photos}}</section>
