{{%AUTOESCAPE context="HTML"}}
<div class="error-page">
<p class="error-code">{{STATUS}}</p>
<h1>{{HEADING}}</h1>
<p>{{TEXT}}</p>
{{#LOGIN_LINK}}<p><a href="/login">[[error.login]]</a></p>{{/LOGIN_LINK}}
<p><a href="/">[[error.home]]</a></p>
</div>
