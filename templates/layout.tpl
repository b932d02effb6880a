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
{{#USER}}
<div class="user-box">
<span class="user-name">{{USER_NAME}}</span>
<span class="side-badge side-{{USER_SIDE_CLASS}}">{{USER_SIDE}}</span>
<span class="user-role">{{USER_ROLE}}</span>
<form method="post" action="/account/language" class="lang-switch" aria-label="[[lang.switch_label]]">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{SELF}}">
<button type="submit" name="lang" value="en" lang="en"{{#IS_EN}} aria-current="true"{{/IS_EN}}>[[lang.self_en]]</button>
<button type="submit" name="lang" value="ko" lang="ko"{{#IS_KO}} aria-current="true"{{/IS_KO}}>[[lang.self_ko]]</button>
</form>
<form method="post" action="/logout" class="inline-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="link-button">[[nav.logout]]</button>
</form>
</div>
{{/USER}}
{{#ANON_LANG}}<nav class="lang-switch" aria-label="[[lang.switch_label]]"><a href="{{URL_EN}}" lang="en" hreflang="en">[[lang.self_en]]</a> <a href="{{URL_KO}}" lang="ko" hreflang="ko">[[lang.self_ko]]</a></nav>{{/ANON_LANG}}
</div>
{{#NAV}}
<nav class="site-nav" aria-label="[[nav.label]]">
<ul class="wrap">
<li><a href="/"{{#NAV_DASHBOARD}} aria-current="page"{{/NAV_DASHBOARD}}>[[nav.dashboard]]</a></li>
<li><a href="/register"{{#NAV_REGISTER}} aria-current="page"{{/NAV_REGISTER}}>[[nav.register]]</a></li>
<li><a href="/councils"{{#NAV_COUNCILS}} aria-current="page"{{/NAV_COUNCILS}}>[[nav.councils]]</a></li>
{{#NAV_ADMIN}}
<li><a href="/admin/users"{{#NAV_USERS}} aria-current="page"{{/NAV_USERS}}>[[nav.users]]</a></li>
<li><a href="/admin/audit"{{#NAV_AUDIT}} aria-current="page"{{/NAV_AUDIT}}>[[nav.audit]]</a></li>
{{/NAV_ADMIN}}
<li class="nav-end"><a href="/account"{{#NAV_ACCOUNT}} aria-current="page"{{/NAV_ACCOUNT}}>[[nav.account]]</a></li>
</ul>
</nav>
{{/NAV}}
</header>
<main id="main" class="wrap" tabindex="-1">
{{>BODY}}
</main>
<footer class="site-footer">
<div class="wrap">[[footer.text]]</div>
</footer>
</body>
</html>
