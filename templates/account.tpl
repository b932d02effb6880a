{{%AUTOESCAPE context="HTML"}}
<h1>[[account.heading]]</h1>
{{#NOTICE}}<p class="notice" role="status">{{TEXT}}</p>{{/NOTICE}}
<dl class="details">
<div><dt>[[account.login]]</dt><dd>{{LOGIN}}</dd></div>
<div><dt>[[account.name]]</dt><dd>{{NAME}}</dd></div>
<div><dt>[[account.side]]</dt><dd>{{SIDE}}</dd></div>
<div><dt>[[account.role]]</dt><dd>{{ROLE}}</dd></div>
</dl>

<section class="panel" aria-labelledby="language-h">
<h2 id="language-h">[[account.language_heading]]</h2>
<form method="post" action="/account/language" class="row-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="/account?done=language">
<label for="language">[[account.language]]</label>
<select id="language" name="lang">
{{#LANG_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/LANG_OPTION}}
</select>
<button type="submit">[[account.save_language]]</button>
</form>
</section>

<section class="panel" aria-labelledby="password-h">
<h2 id="password-h">[[account.password_heading]]</h2>
{{#ERROR}}<p class="form-error" role="alert">{{TEXT}}</p>{{/ERROR}}
<form method="post" action="/account/password" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="current">[[account.current]]</label>
<input id="current" name="current" type="password" autocomplete="current-password" required>
</p>
<p>
<label for="new">[[account.new]]</label>
<input id="new" name="new" type="password" autocomplete="new-password" required minlength="10" maxlength="1024" aria-describedby="password-rules">
<span id="password-rules" class="field-hint">[[account.rules]]</span>
</p>
<p>
<label for="confirm">[[account.confirm]]</label>
<input id="confirm" name="confirm" type="password" autocomplete="new-password" required maxlength="1024">
</p>
<p class="check">
<input id="end_others" name="end_others" type="checkbox" value="1" checked>
<label for="end_others">[[account.end_others]]</label>
</p>
<p><button type="submit" class="primary">[[account.change]]</button></p>
</form>
</section>
