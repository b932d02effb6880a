{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="[[area.breadcrumb]]">
<a href="/">[[nav.dashboard]]</a> <span aria-hidden="true">›</span> <a href="/areas/{{AREA_SLUG}}">{{AREA_TITLE}}</a> <span aria-hidden="true">›</span> <span aria-current="page">[[history.title]]</span>
</nav>
<h1>[[history.heading]]</h1>
<p class="lead">{{AREA_TITLE}}</p>
<h2>[[history.revisions]]</h2>
{{#NO_REVISIONS}}<p class="empty">[[history.none]]</p>{{/NO_REVISIONS}}
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="revisions-caption">
<table class="data">
<caption id="revisions-caption">[[history.revisions]]</caption>
<thead><tr><th scope="col">[[audit.at]]</th><th scope="col">[[history.part]]</th><th scope="col">[[history.version]]</th><th scope="col">[[history.by]]</th><th scope="col">[[edit.summary]]</th><th scope="col">[[history.how]]</th></tr></thead>
<tbody>
{{#REVISION}}
<tr><td class="nowrap"><a href="/revisions/{{SEQ}}">{{AT}}</a></td><td>{{WHAT}}</td><td class="num">{{VERSION}}</td><td>{{NAME}} {{SIDE}}</td><td>{{SUMMARY}}</td><td>{{ORIGIN}}{{#FROM_PROPOSAL}} <a href="/proposals/{{REF}}">#{{REF}}</a>{{/FROM_PROPOSAL}}{{#FROM_REVISION}} <a href="/revisions/{{REF}}">#{{REF}}</a>{{/FROM_REVISION}}</td></tr>
{{/REVISION}}
</tbody>
</table>
</div>
<nav class="pager" aria-label="[[audit.pages]]">
{{#NEWER}}<a href="/areas/{{AREA_SLUG}}/history?page={{PAGE}}">[[audit.newer]]</a>{{/NEWER}}
{{#OLDER}}<a href="/areas/{{AREA_SLUG}}/history?page={{PAGE}}">[[audit.older]]</a>{{/OLDER}}
</nav>
<h2>[[history.proposals]]</h2>
<ul class="proposal-list">
{{#PROPOSAL}}<li><a href="/proposals/{{PROPOSAL_ID}}">[[proposal.title_short]] {{PROPOSAL_ID}}</a> — {{WHAT}}: {{SUMMARY}} · {{PROPOSER}} ({{SIDE}}), {{AT}} · <span class="badge state-{{STATE_CLASS}}">{{STATE}}</span>{{#DECIDED}} {{DECIDER}}, {{DECIDED_AT}}{{/DECIDED}}</li>
{{/PROPOSAL}}
</ul>
