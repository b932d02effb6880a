{{%AUTOESCAPE context="HTML"}}
<div class="error-page">
<p class="error-code">{{STATUS}}</p>
<h1>{{HEADING}}</h1>
<p>{{TEXT}}</p>
<p><a href="/">[[error.home]]</a></p>
</div>
