{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="font-family:sans-serif;line-height:1.5;max-width:36em">
<p>Hello {{name}},</p>
<p>{{text}}</p>
{{#link}}<p><a href="{{url}}">Choose your password</a></p>
<p>Or paste this address into your browser: {{url}}</p>
{{/link}}<p>The link works once, for 72 hours; after that, ask for a new one with “Forgot your password?” on the sign-in page. Nobody from HomeServe will ever ask you for your password.</p>
{{>footer_html}}
</body>
</html>
