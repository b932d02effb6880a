{{%AUTOESCAPE context="HTML"}}
<h1>[[users.heading]]</h1>
<p class="lead">[[users.intro]]</p>
{{#CREATED_ACCOUNT}}
<div class="notice" role="status">
<p>[[users.created]]</p>
<p class="secret"><code>{{PASSWORD}}</code></p>
<p class="hint">[[users.shown_once]]</p>
</div>
{{/CREATED_ACCOUNT}}
{{#ERROR}}<p class="form-error" role="alert">{{TEXT}}</p>{{/ERROR}}

<div class="table-scroll" tabindex="0" role="region" aria-labelledby="accounts-caption">
<table class="data">
<caption id="accounts-caption">[[users.caption]]</caption>
<thead>
<tr><th scope="col">[[account.login]]</th><th scope="col">[[account.name]]</th><th scope="col">[[account.role]]</th><th scope="col">[[users.status]]</th><th scope="col">[[users.created_on]]</th><th scope="col">[[users.last_seen]]</th></tr>
</thead>
<tbody>
{{#ACCOUNT}}
<tr>
<td><a href="/admin/users/{{ID}}">{{LOGIN}}</a></td>
<td>{{NAME}}</td>
<td>{{ROLE}}</td>
<td>{{#ENABLED}}<span class="badge done">[[users.enabled]]</span>{{/ENABLED}}{{#DISABLED}}<span class="badge dropped">[[users.disabled]]</span>{{/DISABLED}}</td>
<td>{{CREATED}}</td>
<td>{{#SEEN}}{{LAST_SEEN}}{{/SEEN}}</td>
</tr>
{{/ACCOUNT}}
</tbody>
</table>
</div>

<section class="panel" aria-labelledby="create-h">
<h2 id="create-h">[[users.create_heading]]</h2>
<form method="post" action="/admin/users" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>
<label for="new-login">[[account.login]]</label>
<input id="new-login" name="login" type="text" required maxlength="64" autocapitalize="none" spellcheck="false" value="{{FORM_LOGIN}}" aria-describedby="login-rules">
<span id="login-rules" class="field-hint">[[users.login_rules]]</span>
</p>
<p>
<label for="new-name">[[account.name]]</label>
<input id="new-name" name="name" type="text" required maxlength="100" value="{{FORM_NAME}}">
</p>
<p>
<label for="new-role">[[account.role]]</label>
<select id="new-role" name="role">
{{#ROLE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ROLE_OPTION}}
</select>
</p>
<p><button type="submit" class="primary">[[users.create]]</button></p>
</form>
</section>
