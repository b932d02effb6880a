{{%AUTOESCAPE context="HTML"}}
<article class="commitment" id="c{{COMMITMENT_ID}}">
<header class="commitment-head">
<a class="commitment-num" href="/commitments/{{COMMITMENT_ID}}" aria-label="[[commitment.open]] {{COMMITMENT_NUMBER}}">{{COMMITMENT_NUMBER}}</a>
{{#TEXT_PART}}<p class="commitment-text"{{#OTHER_LANG_ATTR}} lang="{{OTHER_LANG}}"{{/OTHER_LANG_ATTR}}>{{COMMITMENT_TEXT}}</p>{{/TEXT_PART}}
</header>
{{#TEXT_PART}}{{#FALLBACK}}<p class="lang-note">[[lang.fallback]]</p>{{/FALLBACK}}{{#STALE}}<p class="lang-note stale">[[lang.stale]] <a href="/revisions/{{STALE_SEQ}}">[[lang.see_change]]</a></p>{{/STALE}}{{/TEXT_PART}}
<dl class="facts">
<div><dt>[[commitment.lead]]</dt><dd><span class="lead lead-{{LEAD_CLASS}}">{{LEAD}}</span></dd></div>
<div><dt>[[commitment.status]]</dt><dd><span class="badge {{STATUS_CLASS}}">{{STATUS}}</span></dd></div>
<div><dt>[[commitment.progress]]</dt><dd><progress max="100" value="{{PROGRESS}}" aria-label="[[commitment.progress]]"></progress> [[format.percent]]</dd></div>
<div><dt>[[commitment.target]]</dt><dd>{{#TARGET_PART}}<span{{#OTHER_LANG_ATTR}} lang="{{OTHER_LANG}}"{{/OTHER_LANG_ATTR}}>{{TARGET}}</span>{{/TARGET_PART}}</dd></div>
</dl>
<div class="notes">
<div class="note note-eu">
<h3>[[commitment.eu_note]]</h3>
{{#EU_NOTE}}<p{{#OTHER_LANG_ATTR}} lang="{{OTHER_LANG}}"{{/OTHER_LANG_ATTR}}>{{NOTE:p}}</p>{{#FALLBACK}}<p class="lang-note">[[lang.fallback]]</p>{{/FALLBACK}}{{#STALE}}<p class="lang-note stale">[[lang.stale]] <a href="/revisions/{{STALE_SEQ}}">[[lang.see_change]]</a></p>{{/STALE}}{{/EU_NOTE}}{{#EU_NOTE_EMPTY}}<p class="empty">[[commitment.no_note]]</p>{{/EU_NOTE_EMPTY}}
</div>
<div class="note note-kr">
<h3>[[commitment.kr_note]]</h3>
{{#KR_NOTE}}<p{{#OTHER_LANG_ATTR}} lang="{{OTHER_LANG}}"{{/OTHER_LANG_ATTR}}>{{NOTE:p}}</p>{{#FALLBACK}}<p class="lang-note">[[lang.fallback]]</p>{{/FALLBACK}}{{#STALE}}<p class="lang-note stale">[[lang.stale]] <a href="/revisions/{{STALE_SEQ}}">[[lang.see_change]]</a></p>{{/STALE}}{{/KR_NOTE}}{{#KR_NOTE_EMPTY}}<p class="empty">[[commitment.no_note]]</p>{{/KR_NOTE_EMPTY}}
</div>
</div>
</article>
