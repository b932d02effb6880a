{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="[[area.breadcrumb]]">
<a href="/">[[nav.dashboard]]</a> <span aria-hidden="true">›</span> <span aria-current="page">{{AREA_TITLE}}</span>
</nav>
<h1><span class="area-num">{{AREA_NUMBER}}</span> {{AREA_TITLE}}</h1>
{{#NOTICE}}<p class="notice" role="status">{{TEXT}}</p>{{/NOTICE}}
<p class="page-actions"><a href="/areas/{{AREA_SLUG}}/history">[[area.history]]</a>{{#NEW_COMMITMENT}} · <a href="/areas/{{AREA_SLUG}}/commitments/new">[[area.propose_commitment]]</a>{{/NEW_COMMITMENT}}</p>
{{#PENDING}}
<section class="pending" aria-labelledby="pending-h">
<h2 id="pending-h">[[area.pending]]</h2>
<ul>
{{#PROPOSAL}}<li><a href="/proposals/{{PROPOSAL_ID}}">{{WHAT}}</a> — {{SUMMARY}} · {{PROPOSER}} ({{SIDE}}), {{AT}}</li>{{/PROPOSAL}}
</ul>
</section>
{{/PENDING}}

<div class="sections">
{{#SECTION}}
<section class="text-section side-{{SECTION_SIDE}}" aria-labelledby="section-{{SECTION_SIDE}}">
<h2 id="section-{{SECTION_SIDE}}">{{SECTION_TITLE}}</h2>
<p class="hint">{{SECTION_HINT}}</p>
{{#EDIT_LINKS}}<ul class="edit-links">{{#EDIT_LINK}}<li><a href="/areas/{{AREA_SLUG}}/{{SECTION_SIDE}}/edit?in={{IN}}">{{LABEL}}</a></li>{{/EDIT_LINK}}</ul>{{/EDIT_LINKS}}
{{#SECTION_TEXT}}
{{#FALLBACK}}<p class="lang-note">[[lang.fallback]]</p>{{/FALLBACK}}
{{#STALE}}<p class="lang-note stale">[[lang.stale]] <a href="/revisions/{{STALE_SEQ}}">[[lang.see_change]]</a></p>{{/STALE}}
<div{{#OTHER_LANG_ATTR}} lang="{{OTHER_LANG}}"{{/OTHER_LANG_ATTR}}>{{>SECTION_MARKDOWN}}</div>
{{#SECTION_UPDATED}}<p class="updated">[[area.updated]]</p>{{/SECTION_UPDATED}}
{{#CONFIRM}}<form method="post" action="/areas/{{AREA_SLUG}}/{{SECTION_SIDE}}/confirm" class="row-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="in" value="{{IN}}">
<button type="submit">[[lang.confirm]]</button>
</form>{{/CONFIRM}}
{{/SECTION_TEXT}}
{{#SECTION_EMPTY}}<p class="empty">[[area.empty]]</p>{{/SECTION_EMPTY}}
</section>
{{/SECTION}}
</div>

<section class="commitments" aria-labelledby="commitments-h">
<h2 id="commitments-h">[[area.commitments]]</h2>
{{#COMMITMENT}}{{>COMMITMENT_CARD}}{{/COMMITMENT}}
{{#NO_COMMITMENTS}}<p class="empty">[[area.no_commitments]]</p>{{/NO_COMMITMENTS}}
</section>
