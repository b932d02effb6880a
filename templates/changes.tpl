{{%AUTOESCAPE context="HTML"}}
<h1>[[changes.heading]]</h1>
{{#SINCE}}<p class="lead">[[changes.since]]</p>
<p><a href="/changes.atom?council={{COUNCIL_NUMBER}}">[[changes.feed]]</a> · <a href="/register?council={{COUNCIL_NUMBER}}">[[councils.register_as_reviewed]]</a></p>{{/SINCE}}
{{#NO_COUNCIL}}<p class="empty">[[changes.no_council]]</p>{{/NO_COUNCIL}}
{{#NO_CHANGES}}<p class="empty">[[changes.none]]</p>{{/NO_CHANGES}}
{{#AREA}}
<section class="panel" aria-labelledby="changes-{{AREA_SLUG}}">
<h2 id="changes-{{AREA_SLUG}}"><a href="/areas/{{AREA_SLUG}}">{{AREA_TITLE}}</a></h2>
{{#COMMITMENT}}
<article class="change">
<h3><a href="/commitments/{{COMMITMENT_ID}}">{{COMMITMENT_NUMBER}}</a> {{COMMITMENT_TEXT}}</h3>
{{#NEW}}<p><span class="badge in-progress">[[changes.new]]</span></p>{{/NEW}}
<dl class="before-after">
{{#CHANGE}}<div><dt>{{LABEL}}</dt><dd><span class="before">[[changes.before]] {{BEFORE:p}}</span> <span class="after">[[changes.after]] {{AFTER:p}}</span></dd></div>{{/CHANGE}}
</dl>
</article>
{{/COMMITMENT}}
</section>
{{/AREA}}
