{{%AUTOESCAPE context="HTML"}}
<div class="login-box">
<h1>[[login.heading]]</h1>
<p class="lead">[[login.intro]]</p>
{{#NOTICE}}<p class="notice" role="status">{{TEXT}}</p>{{/NOTICE}}
{{#ERROR}}<p class="form-error" role="alert" id="form-error">{{TEXT}}</p>{{/ERROR}}
<form method="post" action="/login" class="stacked">
<input type="hidden" name="next" value="{{NEXT}}">
<p>
<label for="login">[[login.name]]</label>
<input id="login" name="login" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="64" value="{{LOGIN}}">
</p>
<p>
<label for="password">[[login.password]]</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
</p>
<p><button type="submit" class="primary">[[login.submit]]</button></p>
</form>
<p class="hint">[[login.help]]</p>
</div>
