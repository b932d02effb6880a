{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="[[area.breadcrumb]]">
<a href="/">[[nav.dashboard]]</a> <span aria-hidden="true">›</span> <a href="/areas/{{AREA_SLUG}}">{{AREA_TITLE}}</a> <span aria-hidden="true">›</span> <span aria-current="page">{{COMMITMENT_NUMBER}}</span>
</nav>
<h1>[[commitment.heading]]</h1>
{{#NOTICE}}<p class="notice" role="status">{{TEXT}}</p>{{/NOTICE}}
{{#ERROR}}<p class="form-error" role="alert">{{TEXT}}</p>{{/ERROR}}
<section class="current" aria-labelledby="current-h">
<h2 id="current-h" class="visually-hidden">[[commitment.current_heading]]</h2>
{{>COMMITMENT_CARD}}
{{#LAST_CHANGE}}<p class="updated">[[commitment.last_change]]</p>{{/LAST_CHANGE}}
</section>
<p><a href="/areas/{{AREA_SLUG}}/history">[[commitment.history_link]]</a></p>

{{#PROPOSAL}}
<div class="pending" role="note">
<p><strong>[[proposal.pending_label]]</strong> [[proposal.pending_line]] <a href="/proposals/{{PROPOSAL_ID}}">[[proposal.view]]</a></p>
</div>
{{/PROPOSAL}}

{{#NOTE_FORM}}
<section class="panel" aria-labelledby="note-{{PART}}-{{IN}}-h">
<h2 id="note-{{PART}}-{{IN}}-h">{{HEADING}}</h2>
{{#CONFIRM}}<form method="post" action="/commitments/{{COMMITMENT_ID}}/confirm" class="row-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="part" value="{{PART}}">
<input type="hidden" name="in" value="{{IN}}">
<span class="lang-note stale">[[lang.stale_note]]</span>
<button type="submit">[[lang.confirm]]</button>
</form>{{/CONFIRM}}
{{#ERROR}}<p class="form-error" role="alert">{{TEXT}}</p>{{/ERROR}}
{{#CONFLICT}}
<div class="conflict">
<p>[[edit.conflict_help]]</p>
{{>CHANGES_MEANWHILE}}
{{>YOURS_VS_CURRENT}}
</div>
{{/CONFLICT}}
<form method="post" action="/commitments/{{COMMITMENT_ID}}/note" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="part" value="{{PART}}">
<input type="hidden" name="in" value="{{IN}}">
<input type="hidden" name="base_version" value="{{BASE_VERSION}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN}}">
<p>
<label for="note-{{PART}}-{{IN}}">[[commitment.note_label]]</label>
<textarea id="note-{{PART}}-{{IN}}" name="note" rows="5" lang="{{IN}}">{{NOTE_TEXT:p}}</textarea>
</p>
<p>
<label for="note-{{PART}}-{{IN}}-summary">[[edit.summary]]</label>
<input id="note-{{PART}}-{{IN}}-summary" name="summary" type="text" maxlength="300" value="">
</p>
<p><button type="submit" class="primary">[[edit.save]]</button></p>
</form>
</section>
{{/NOTE_FORM}}

{{#PROGRESS_FORM}}
<section class="panel" aria-labelledby="progress-h">
<h2 id="progress-h">[[commitment.progress_heading]]</h2>
<p class="hint">[[commitment.progress_hint]]</p>
<form method="post" action="/commitments/{{COMMITMENT_ID}}/progress" class="row-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="base_version" value="{{BASE_VERSION}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN}}">
<label for="progress-status">[[commitment.status]]</label>
<select id="progress-status" name="status">
{{#STATUS_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPTION}}
</select>
<label for="progress-value">[[commitment.progress_percent]]</label>
<input id="progress-value" name="progress" type="number" min="0" max="100" step="1" value="{{PROGRESS_VALUE}}" class="short">
<button type="submit" class="primary">[[edit.save]]</button>
</form>
</section>
{{/PROGRESS_FORM}}

{{#PROPOSE_FORM}}
<section class="panel" aria-labelledby="propose-h">
<h2 id="propose-h">[[commitment.propose_heading]]</h2>
<p class="hint">[[commitment.propose_hint]]</p>
{{#ERROR}}<p class="form-error" role="alert">{{TEXT}}</p>{{/ERROR}}
<form method="post" action="/commitments/{{COMMITMENT_ID}}/propose" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="base_version" value="{{BASE_VERSION}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN}}">
<p><label for="p-text">[[commitment.text_en]]</label>
<textarea id="p-text" name="text" rows="3" maxlength="2000" lang="en">{{FIELD_TEXT}}</textarea></p>
<p><label for="p-text-ko">[[commitment.text_ko]]</label>
<textarea id="p-text-ko" name="text_ko" rows="3" maxlength="2000" lang="ko">{{FIELD_TEXT_KO}}</textarea></p>
<p><label for="p-lead">[[commitment.lead]]</label>
<select id="p-lead" name="lead">{{#LEAD_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/LEAD_OPTION}}</select></p>
<p><label for="p-status">[[commitment.status]]</label>
<select id="p-status" name="status">{{#STATUS_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPTION}}</select></p>
<p><label for="p-progress">[[commitment.progress_percent]]</label>
<input id="p-progress" name="progress" type="number" min="0" max="100" step="1" value="{{PROGRESS_VALUE}}" class="short"></p>
<p><label for="p-target">[[commitment.target_en]]</label>
<input id="p-target" name="target" type="text" maxlength="200" lang="en" value="{{FIELD_TARGET}}"></p>
<p><label for="p-target-ko">[[commitment.target_ko]]</label>
<input id="p-target-ko" name="target_ko" type="text" maxlength="200" lang="ko" value="{{FIELD_TARGET_KO}}"></p>
<p><label for="p-summary">[[edit.summary]]</label>
<input id="p-summary" name="summary" type="text" maxlength="300" value=""></p>
<p><button type="submit" class="primary">[[edit.propose]]</button></p>
</form>
</section>
{{/PROPOSE_FORM}}
