{{%AUTOESCAPE context="HTML"}}
<article class="commitment" id="c{{COMMITMENT_ID}}">
<header class="commitment-head">
<a class="commitment-num" href="/commitments/{{COMMITMENT_ID}}" aria-label="[[commitment.open]] {{COMMITMENT_NUMBER}}">{{COMMITMENT_NUMBER}}</a>
<p class="commitment-text">{{COMMITMENT_TEXT}}</p>
</header>
<dl class="facts">
<div><dt>[[commitment.lead]]</dt><dd><span class="lead lead-{{LEAD_CLASS}}">{{LEAD}}</span></dd></div>
<div><dt>[[commitment.status]]</dt><dd><span class="badge {{STATUS_CLASS}}">{{STATUS}}</span></dd></div>
<div><dt>[[commitment.progress]]</dt><dd><progress max="100" value="{{PROGRESS}}" aria-label="[[commitment.progress]]"></progress> {{PROGRESS}} %</dd></div>
<div><dt>[[commitment.target]]</dt><dd>{{TARGET}}</dd></div>
</dl>
<div class="notes">
<div class="note note-eu">
<h4>[[commitment.eu_note]]</h4>
{{#EU_NOTE}}<p>{{NOTE:p}}</p>{{/EU_NOTE}}{{#EU_NOTE_EMPTY}}<p class="empty">[[commitment.no_note]]</p>{{/EU_NOTE_EMPTY}}
</div>
<div class="note note-kr">
<h4>[[commitment.kr_note]]</h4>
{{#KR_NOTE}}<p>{{NOTE:p}}</p>{{/KR_NOTE}}{{#KR_NOTE_EMPTY}}<p class="empty">[[commitment.no_note]]</p>{{/KR_NOTE_EMPTY}}
</div>
</div>
</article>
