{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="font-family:sans-serif;line-height:1.5;max-width:36em">
<p>Hello {{name}},</p>
<p>Your HomeServe statement for {{month}}:</p>
<table>
<tr><th scope="row" style="text-align:left">Jobs paid</th><td>{{jobs}}</td></tr>
<tr><th scope="row" style="text-align:left">Customers paid</th><td>{{gross}}</td></tr>
<tr><th scope="row" style="text-align:left">Commission</th><td>{{commission}}</td></tr>
<tr><th scope="row" style="text-align:left">Your earnings</th><td>{{net}}</td></tr>
</table>
{{#link}}<p><a href="{{url}}">Your earnings and payouts</a></p>
{{/link}}{{>footer_html}}
</body>
</html>
