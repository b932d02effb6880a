{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="[[area.breadcrumb]]">
<a href="/">[[nav.dashboard]]</a> <span aria-hidden="true">›</span> <a href="/areas/{{AREA_SLUG}}">{{AREA_TITLE}}</a> <span aria-hidden="true">›</span> <span aria-current="page">[[proposal.new_commitment]]</span>
</nav>
<h1>[[proposal.new_commitment]]</h1>
<p class="lead">{{AREA_TITLE}}</p>
<p class="hint-box">[[proposal.new_hint]]</p>
{{#ERROR}}<p class="form-error" role="alert">{{TEXT}}</p>{{/ERROR}}
<form method="post" action="/areas/{{AREA_SLUG}}/commitments" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN}}">
<p><label for="n-text">[[commitment.text_en]]</label>
<textarea id="n-text" name="text" rows="3" maxlength="2000" lang="en" required>{{FIELD_TEXT}}</textarea></p>
<p><label for="n-text-ko">[[commitment.text_ko]]</label>
<textarea id="n-text-ko" name="text_ko" rows="3" maxlength="2000" lang="ko">{{FIELD_TEXT_KO}}</textarea></p>
<p><label for="n-lead">[[commitment.lead]]</label>
<select id="n-lead" name="lead">{{#LEAD_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/LEAD_OPTION}}</select></p>
<p><label for="n-target">[[commitment.target_en]]</label>
<input id="n-target" name="target" type="text" maxlength="200" lang="en" value="{{FIELD_TARGET}}"></p>
<p><label for="n-target-ko">[[commitment.target_ko]]</label>
<input id="n-target-ko" name="target_ko" type="text" maxlength="200" lang="ko" value="{{FIELD_TARGET_KO}}"></p>
<p><label for="n-summary">[[edit.summary]]</label>
<input id="n-summary" name="summary" type="text" maxlength="300" value="{{SUMMARY}}"></p>
<p class="buttons"><button type="submit" class="primary">[[edit.propose]]</button> <a class="button" href="/areas/{{AREA_SLUG}}">[[edit.cancel]]</a></p>
</form>
