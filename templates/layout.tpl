{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · [[site.name]]</title>
<link rel="stylesheet" href="/static/portal.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip-link" href="#main">[[nav.skip]]</a>
<header class="site-header">
<div class="wrap header-row">
<a class="brand" href="/">
<span class="brand-mark" aria-hidden="true"><span class="mark-eu"></span><span class="mark-kr"></span></span>
<span class="brand-text"><span class="brand-name">[[site.name]]</span><span class="brand-tagline">[[site.tagline]]</span></span>
</a>
</div>
<nav class="site-nav" aria-label="[[nav.label]]">
<ul class="wrap">
<li><a href="/"{{#NAV_DASHBOARD}} aria-current="page"{{/NAV_DASHBOARD}}>[[nav.dashboard]]</a></li>
<li><a href="/register"{{#NAV_REGISTER}} aria-current="page"{{/NAV_REGISTER}}>[[nav.register]]</a></li>
</ul>
</nav>
</header>
<main id="main" class="wrap" tabindex="-1">
{{>BODY}}
</main>
<footer class="site-footer">
<div class="wrap">[[footer.text]]</div>
</footer>
</body>
</html>
