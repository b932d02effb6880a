{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="[[area.breadcrumb]]">
<a href="/">[[nav.dashboard]]</a> <span aria-hidden="true">›</span> <a href="/areas/{{AREA_SLUG}}">{{AREA_TITLE}}</a> <span aria-hidden="true">›</span> <span aria-current="page">{{HEADING}}</span>
</nav>
<h1>{{HEADING}}</h1>
<p class="lead">{{AREA_TITLE}}</p>
{{#JOINT_HINT}}<p class="hint-box">[[edit.joint_hint]]</p>{{/JOINT_HINT}}
{{#ERROR}}<p class="form-error" role="alert">{{TEXT}}</p>{{/ERROR}}
{{#CONFLICT}}
<section class="conflict" aria-labelledby="conflict-h">
<h2 id="conflict-h">[[edit.conflict_heading]]</h2>
<p>[[edit.conflict_help]]</p>
{{>CHANGES_MEANWHILE}}
{{>YOURS_VS_CURRENT}}
</section>
{{/CONFLICT}}
{{#PREVIEW}}
<section class="preview" aria-labelledby="preview-h">
<h2 id="preview-h">[[edit.preview]]</h2>
{{>PREVIEW_MARKDOWN}}
</section>
{{/PREVIEW}}
<form method="post" action="/areas/{{AREA_SLUG}}/{{PART}}/edit" class="stacked editor">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="in" value="{{IN}}">
<input type="hidden" name="base_version" value="{{BASE_VERSION}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN}}">
<p>
<label for="body">[[edit.text]]</label>
<textarea id="body" name="body" rows="18" lang="{{IN}}" aria-describedby="body-help">{{BODY:p}}</textarea>
<span id="body-help" class="field-hint">[[edit.markdown_help]]</span>
</p>
<p>
<label for="summary">[[edit.summary]]</label>
<input id="summary" name="summary" type="text" maxlength="300" value="{{SUMMARY}}" aria-describedby="summary-help">
<span id="summary-help" class="field-hint">[[edit.summary_help]]</span>
</p>
<p class="buttons">
{{#SAVE_BUTTON}}<button type="submit" name="action" value="save" class="primary">[[edit.save]]</button>{{/SAVE_BUTTON}}
{{#PROPOSE_BUTTON}}<button type="submit" name="action" value="save" class="primary">[[edit.propose]]</button>{{/PROPOSE_BUTTON}}
<button type="submit" name="action" value="preview">[[edit.preview_button]]</button>
<a class="button" href="/areas/{{AREA_SLUG}}">[[edit.cancel]]</a>
</p>
</form>
{{#OTHER_TEXT}}
<section class="panel" aria-labelledby="other-h">
<h2 id="other-h">[[edit.other_language]]</h2>
<pre class="source" lang="{{OTHER_LANG}}">{{TEXT:p}}</pre>
</section>
{{/OTHER_TEXT}}
