{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="[[area.breadcrumb]]">
<a href="/">[[nav.dashboard]]</a> <span aria-hidden="true">›</span> <a href="/areas/{{AREA_SLUG}}">{{AREA_TITLE}}</a> <span aria-hidden="true">›</span> <span aria-current="page">[[proposal.title_short]] {{PROPOSAL_ID}}</span>
</nav>
<h1>[[proposal.heading]]</h1>
{{#NOTICE}}<p class="notice" role="status">{{TEXT}}</p>{{/NOTICE}}
{{#ERROR}}<p class="form-error" role="alert">{{TEXT}}</p>{{/ERROR}}
<dl class="details">
<div><dt>[[proposal.what]]</dt><dd>{{WHAT}}{{#COMMITMENT_LINK}} · <a href="/commitments/{{COMMITMENT_ID}}">[[proposal.open_commitment]]</a>{{/COMMITMENT_LINK}}</dd></div>
<div><dt>[[proposal.by]]</dt><dd>{{PROPOSER}} ({{SIDE}}), {{AT}}</dd></div>
<div><dt>[[proposal.state]]</dt><dd><span class="badge state-{{STATE_CLASS}}">{{STATE}}</span>{{#DECIDED}} — {{DECIDER}}, {{DECIDED_AT}}{{/DECIDED}}</dd></div>
<div><dt>[[edit.summary]]</dt><dd>{{SUMMARY}}</dd></div>
</dl>
{{#STALE}}<p class="form-error" role="alert">[[proposal.stale]]</p>{{/STALE}}
{{#AWAITING_OTHER_SIDE}}<p class="hint-box">[[proposal.awaiting]]</p>{{/AWAITING_OTHER_SIDE}}
{{>PROPOSED_DIFF}}
{{#PROPOSED_TEXT}}<h2>[[proposal.proposed_text]]</h2><pre class="source">{{TEXT:p}}</pre>{{/PROPOSED_TEXT}}
{{#PROPOSED_RENDERED}}<section class="panel" aria-labelledby="rendered-h"><h2 id="rendered-h">[[proposal.rendered]]</h2>{{>PROPOSED_MARKDOWN}}</section>{{/PROPOSED_RENDERED}}
{{#DECIDE}}
<section class="panel decide" aria-labelledby="decide-h">
<h2 id="decide-h">[[proposal.decide_heading]]</h2>
<div class="row-form">
<form method="post" action="/proposals/{{PROPOSAL_ID}}/approve" class="inline-form"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="primary">[[proposal.approve]]</button></form>
<form method="post" action="/proposals/{{PROPOSAL_ID}}/reject" class="inline-form"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="danger">[[proposal.reject]]</button></form>
</div>
</section>
{{/DECIDE}}
{{#WITHDRAW}}
<form method="post" action="/proposals/{{PROPOSAL_ID}}/withdraw" class="row-form"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[proposal.withdraw]]</button></form>
{{/WITHDRAW}}
