{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="[[area.breadcrumb]]">
<a href="/admin/users">[[nav.users]]</a> <span aria-hidden="true">›</span> <span aria-current="page">{{LOGIN}}</span>
</nav>
<h1>{{NAME}}</h1>
{{#NOTICE}}<p class="notice" role="status">{{TEXT}}</p>{{/NOTICE}}
{{#ERROR}}<p class="form-error" role="alert">{{TEXT}}</p>{{/ERROR}}
{{#NEW_PASSWORD}}
<div class="notice" role="status">
<p>[[users.new_password]]</p>
<p class="secret"><code>{{PASSWORD}}</code></p>
<p class="hint">[[users.shown_once]]</p>
</div>
{{/NEW_PASSWORD}}
<dl class="details">
<div><dt>[[account.login]]</dt><dd>{{LOGIN}}</dd></div>
<div><dt>[[account.side]]</dt><dd>{{SIDE}}</dd></div>
<div><dt>[[account.role]]</dt><dd>{{ROLE}}</dd></div>
<div><dt>[[users.mfa_heading]]</dt><dd id="mfa-state">{{MFA_STATE}}</dd></div>
<div><dt>[[users.status]]</dt><dd>{{#ENABLED}}<span class="badge done">[[users.enabled]]</span>{{/ENABLED}}{{#DISABLED}}<span class="badge dropped">[[users.disabled]]</span>{{/DISABLED}}</dd></div>
</dl>
{{#SELF}}<p class="hint">[[users.self_hint]]</p>{{/SELF}}
{{#OTHER}}
<section class="panel" aria-labelledby="role-h">
<h2 id="role-h">[[users.change_role]]</h2>
<form method="post" action="/admin/users/{{ID}}" class="row-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="action" value="role">
<label for="role">[[account.role]]</label>
<select id="role" name="role">
{{#ROLE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ROLE_OPTION}}
</select>
<button type="submit">[[users.save_role]]</button>
</form>
</section>
<section class="panel" aria-labelledby="access-h">
<h2 id="access-h">[[users.access]]</h2>
<form method="post" action="/admin/users/{{ID}}" class="row-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#ENABLED}}<input type="hidden" name="action" value="disable"><button type="submit" class="danger">[[users.disable]]</button>{{/ENABLED}}
{{#DISABLED}}<input type="hidden" name="action" value="enable"><button type="submit">[[users.enable]]</button>{{/DISABLED}}
</form>
<form method="post" action="/admin/users/{{ID}}" class="row-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="action" value="reset">
<button type="submit">[[users.reset]]</button>
<span class="field-hint">[[users.reset_hint]]</span>
</form>
<form method="post" action="/admin/users/{{ID}}" class="row-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="action" value="mfa_reset">
<button type="submit" class="danger">[[users.mfa_reset]]</button>
<span class="field-hint">[[users.mfa_reset_hint]]</span>
</form>
</section>
{{/OTHER}}
