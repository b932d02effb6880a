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

<section class="panel" aria-labelledby="mfa-h">
<h2 id="mfa-h">[[account.mfa_heading]]</h2>
{{#MFA_ERROR}}<p class="form-error" role="alert">{{TEXT}}</p>{{/MFA_ERROR}}
<p id="mfa-totp">{{MFA_TOTP}}</p>
{{#HAS_TOTP}}<p id="mfa-codes">{{MFA_CODES}}</p>{{/HAS_TOTP}}
<form method="post" action="/account/totp" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<h3>{{#HAS_TOTP}}[[account.mfa_replace_heading]]{{/HAS_TOTP}}{{#NO_TOTP}}[[account.mfa_set_heading]]{{/NO_TOTP}}</h3>
<p>
<label for="totp-password">[[account.mfa_password]]</label>
<input id="totp-password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
</p>
{{#HAS_TOTP}}<p>
<label for="totp-code">[[account.mfa_code]]</label>
<input id="totp-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="64">
</p>{{/HAS_TOTP}}
<p><button type="submit">[[account.mfa_replace_submit]]</button></p>
</form>
{{#HAS_TOTP}}<form method="post" action="/account/recovery-codes" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<h3>[[account.mfa_codes_heading]]</h3>
<p class="hint">[[account.mfa_codes_intro]]</p>
<p>
<label for="codes-password">[[account.mfa_password]]</label>
<input id="codes-password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
</p>
<p><button type="submit">[[account.mfa_codes_submit]]</button></p>
</form>{{/HAS_TOTP}}
<h3>[[account.signins_heading]]</h3>
{{#NO_SIGNINS}}<p>[[account.signins_none]]</p>{{/NO_SIGNINS}}
<table class="signins">
<thead><tr><th scope="col">[[account.signins_at]]</th><th scope="col">[[account.signins_factor]]</th><th scope="col">[[account.signins_addr]]</th></tr></thead>
<tbody>
{{#SIGNIN}}<tr><td>{{AT}}</td><td>{{FACTOR}}</td><td>{{ADDR}}</td></tr>{{/SIGNIN}}
</tbody>
</table>
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
