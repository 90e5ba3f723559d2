{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="font-family:sans-serif;line-height:1.5;max-width:36em">
<p>Hello {{name}},</p>
<p>Your month with HomeServe, {{month}}:</p>
<table>
<tr><th scope="row" style="text-align:left">Bookings made</th><td>{{bookings}}</td></tr>
<tr><th scope="row" style="text-align:left">Completed and signed</th><td>{{completed}}</td></tr>
<tr><th scope="row" style="text-align:left">Paid</th><td>{{spent}}</td></tr>
<tr><th scope="row" style="text-align:left">Reviews you gave</th><td>{{reviews}}</td></tr>
</table>
{{#link}}<p><a href="{{url}}">Your bookings</a></p>
{{/link}}<p>Thank you for booking with us.</p>
{{>footer_html}}
</body>
</html>
