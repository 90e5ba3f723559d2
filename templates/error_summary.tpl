{{%AUTOESCAPE context="HTML"}}
<div class="error-summary" role="alert">
<p>Please correct the {{count}} field(s) marked below.</p>
<ul>
{{#error_link}}<li><a href="#{{field}}">{{message}}</a></li>
{{/error_link}}</ul>
</div>
