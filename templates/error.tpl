{{%AUTOESCAPE context="HTML"}}
<h1>{{reason}}</h1>
<p class="lead">{{message}}</p>
<p class="muted">Error {{status}}</p>
<p><a href="/">Go to the home page</a></p>
