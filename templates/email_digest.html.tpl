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
<ul>
{{#job}}<li>{{service}}, {{when}}, pincode {{pincode}}, {{price}}</li>
{{/job}}</ul>
{{#more}}<p>And more: the {{shown}} soonest are listed here.</p>
{{/more}}{{#link}}<p><a href="{{url}}">Open your job board</a></p>
{{/link}}{{>footer_html}}
</body>
</html>
