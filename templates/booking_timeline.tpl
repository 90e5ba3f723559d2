{{%AUTOESCAPE context="HTML"}}
<ol class="timeline">
{{#event}}<li><strong>{{label}}</strong> <time datetime="{{when_iso}}">{{when}}</time> by {{by}}{{#note}}: {{text}}{{/note}}</li>
{{/event}}</ol>
