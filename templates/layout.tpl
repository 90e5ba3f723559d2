{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} · HomeServe</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/favicon.ico" sizes="16x16 32x32">
<link rel="apple-touch-icon" href="/apple-touch-icon.png">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="/">HomeServe</a>
{{#notifications}}<a class="bell" href="/notifications"{{#current}} aria-current="page"{{/current}}>Notifications{{#unread}} <span class="badge">{{count}}<span class="visually-hidden"> unread</span></span>{{/unread}}</a>
{{/notifications}}<details class="menu">
<summary>Menu</summary>
<div class="menu-body">
<nav aria-label="Main">
<ul>
{{#nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}{{#count}} <span class="badge">{{n}}<span class="visually-hidden"> {{what}}</span></span>{{/count}}</a></li>
{{/nav}}</ul>
</nav>
{{#signed_in}}<form class="account" method="post" action="/logout">
<span class="who">{{username}} <small>{{role}}</small></span>
<input type="hidden" name="csrf_token" value="{{csrf}}">
<button type="submit" class="link">Sign out</button>
</form>
{{/signed_in}}{{#signed_out}}<p class="account"><a href="/login">Sign in</a> <a href="/register">Register</a></p>
{{/signed_out}}</div>
</details>
</header>
<main id="main">
{{#notice}}<p class="notice" role="status">{{text}}</p>
{{/notice}}{{>body}}{{body_html:none}}
</main>
<footer class="site">
<p>HomeServe · Prices in Indian rupees · Times in India Standard Time</p>
</footer>
</body>
</html>
