{{%AUTOESCAPE context="HTML"}}
<section aria-labelledby="reviews-heading">
<h2 id="reviews-heading">Reviews</h2>
{{#no_reviews}}<p class="muted">No reviews yet.</p>
{{/no_reviews}}{{#has_reviews}}<p class="rating-summary">Average rating <strong>{{average}} out of 5</strong> from {{count_text}}.</p>
<ul class="reviews">
{{#review}}<li>
<p><strong>{{rating_text}}</strong>{{#for_service}} for <a href="/services/{{service_id}}">{{service_name}}</a>{{/for_service}}{{#by_vendor}} for vendor {{#photo}}<img class="face small" src="{{src}}" width="{{width}}" height="{{height}}" alt="">{{/photo}}<a href="/vendors/{{vendor_id}}">{{vendor_name}}</a>{{/by_vendor}}</p>
{{#has_comment}}<p class="comments">{{comment}}</p>
{{/has_comment}}<p class="meta">{{customer}} · <time datetime="{{when_iso}}">{{when}}</time></p>
</li>
{{/review}}</ul>
{{#no_more}}<p class="muted">No older reviews.</p>
{{/no_more}}<nav class="pager" aria-label="Review pages">
{{#not_newest}}<a href="{{url}}">Newest reviews</a>
{{/not_newest}}{{#older}}<a href="{{url}}">Older reviews</a>
{{/older}}</nav>
{{/has_reviews}}</section>
