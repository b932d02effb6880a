{{%AUTOESCAPE context="HTML"}}
<div class="login-box">
<h1>[[totp.code_heading]]</h1>
<p class="lead">[[totp.code_intro]]</p>
{{#ERROR}}<p class="form-error" role="alert" id="form-error">{{TEXT}}</p>{{/ERROR}}
<form method="post" action="/login/code" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<p>
<label for="code">[[totp.code_label]]</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" required maxlength="64" aria-describedby="code-hint">
<span id="code-hint" class="field-hint">[[totp.code_hint]]</span>
</p>
<p><button type="submit" class="primary">[[totp.code_submit]]</button></p>
</form>
<form method="post" action="/login/cancel" class="inline-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">[[totp.cancel]]</button>
</form>
</div>
