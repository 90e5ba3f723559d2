{{%AUTOESCAPE context="HTML"}}
<hr>
<p style="color:#555;font-size:0.9em">HomeServe, home services you can trust: <a href="{{site}}">{{site}}</a><br>
<a href="{{prefs_url}}">Choose what we send you</a>{{#unsubscribe}} · <a href="{{url}}">Stop these emails</a>{{/unsubscribe}}</p>
