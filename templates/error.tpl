{{%AUTOESCAPE context="HTML"}}
<h1>{{reason}}</h1>
<p class="lead">{{message}}</p>
{{#next_step}}<p class="next-step">{{text}}</p>
{{/next_step}}<p class="muted">Error {{status}}</p>
{{#back}}<p><a class="button" href="{{href}}">{{label}}</a></p>
{{/back}}<p><a href="/">Go to the home page</a></p>
