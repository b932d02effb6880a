{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="[[area.breadcrumb]]">
<a href="/">[[nav.dashboard]]</a> <span aria-hidden="true">›</span> <a href="/areas/{{AREA_SLUG}}">{{AREA_TITLE}}</a> <span aria-hidden="true">›</span> <a href="/areas/{{AREA_SLUG}}/history">[[history.title]]</a> <span aria-hidden="true">›</span> <span aria-current="page">[[history.version]] {{VERSION}}</span>
</nav>
<h1>{{WHAT}} — [[history.version]] {{VERSION}}</h1>
<dl class="details">
<div><dt>[[history.by]]</dt><dd>{{NAME}} {{SIDE}}</dd></div>
<div><dt>[[audit.at]]</dt><dd>{{AT}}</dd></div>
<div><dt>[[history.how]]</dt><dd>{{ORIGIN}}</dd></div>
<div><dt>[[edit.summary]]</dt><dd>{{SUMMARY}}</dd></div>
</dl>
{{#COMMITMENT_LINK}}<p><a href="/commitments/{{COMMITMENT_ID}}">[[proposal.open_commitment]]</a></p>{{/COMMITMENT_LINK}}
{{#IS_CURRENT}}<p class="hint-box">[[history.is_current]]</p>{{/IS_CURRENT}}
{{#RESTORE}}
<form method="post" action="/revisions/{{SEQ}}/restore" class="row-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="base_version" value="{{CURRENT_VERSION}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN}}">
<button type="submit">[[history.restore]]</button>
<span class="field-hint">[[history.restore_hint]]</span>
</form>
{{/RESTORE}}
{{#RESTORE_PROPOSE}}
<form method="post" action="/revisions/{{SEQ}}/restore" class="row-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="base_version" value="{{CURRENT_VERSION}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN}}">
<button type="submit">[[history.restore_propose]]</button>
</form>
{{/RESTORE_PROPOSE}}
<h2>[[history.changes]]</h2>
{{#FIRST_VERSION}}<p class="empty">[[history.first_version]]</p>{{/FIRST_VERSION}}
{{>CHANGES}}
{{#COMPARE}}
<form method="get" action="/areas/{{AREA_SLUG}}/compare" class="row-form">
<input type="hidden" name="from" value="{{SEQ}}">
<label for="compare-to">[[history.compare_with]]</label>
<select id="compare-to" name="to">{{#VERSION_OPTION}}<option value="{{SEQ}}">[[history.version]] {{VERSION}} — {{AT}}</option>{{/VERSION_OPTION}}</select>
<button type="submit">[[history.compare]]</button>
</form>
{{/COMPARE}}
{{#RENDERED}}<section class="panel" aria-labelledby="rendered-h"><h2 id="rendered-h">[[history.rendered]]</h2>{{>RENDERED_MARKDOWN}}</section>{{/RENDERED}}
<h2>[[history.source]]</h2>
<pre class="source" lang="{{IN}}">{{SOURCE:p}}</pre>
