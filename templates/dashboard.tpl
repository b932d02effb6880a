{{%AUTOESCAPE context="HTML"}}
<section class="intro">
<h1>[[dashboard.heading]]</h1>
<p class="lead">[[dashboard.intro]]</p>
</section>

<section class="summary" aria-labelledby="summary-h">
<h2 id="summary-h">[[dashboard.summary]]</h2>
<dl class="status-totals">
<div class="total planned"><dt>[[status.planned]]</dt><dd>{{TOTAL_PLANNED}}</dd></div>
<div class="total in-progress"><dt>[[status.in_progress]]</dt><dd>{{TOTAL_IN_PROGRESS}}</dd></div>
<div class="total done"><dt>[[status.done]]</dt><dd>{{TOTAL_DONE}}</dd></div>
<div class="total dropped"><dt>[[status.dropped]]</dt><dd>{{TOTAL_DROPPED}}</dd></div>
<div class="total all"><dt>[[status.all]]</dt><dd>{{TOTAL_ALL}}</dd></div>
</dl>
</section>

<section aria-labelledby="areas-h">
<h2 id="areas-h">[[dashboard.areas]]</h2>
<ol class="area-grid">
{{#AREA}}
<li class="area-card">
<h3><a href="/areas/{{AREA_SLUG}}"><span class="area-num">{{AREA_NUMBER}}</span> {{AREA_TITLE}}</a></h3>
<p class="area-meta">[[dashboard.commitments_count]]</p>
<p class="area-progress"><progress max="100" value="{{PROGRESS}}" aria-label="[[dashboard.average_progress]]"></progress> <span>[[dashboard.average_progress]]: [[format.percent]]</span></p>
<ul class="status-counts">
<li class="badge planned">[[status.planned]] <strong>{{COUNT_PLANNED}}</strong></li>
<li class="badge in-progress">[[status.in_progress]] <strong>{{COUNT_IN_PROGRESS}}</strong></li>
<li class="badge done">[[status.done]] <strong>{{COUNT_DONE}}</strong></li>
<li class="badge dropped">[[status.dropped]] <strong>{{COUNT_DROPPED}}</strong></li>
</ul>
</li>
{{/AREA}}
</ol>
</section>

<section class="councils" aria-labelledby="councils-h">
<h2 id="councils-h">[[dashboard.councils]]</h2>
{{#NEXT_COUNCIL}}
<p class="next-council">[[dashboard.next_council]]: <strong>{{COUNCIL_CITY}}, {{COUNCIL_DATE}}</strong></p>
{{/NEXT_COUNCIL}}
<ol class="council-list">
{{#COUNCIL}}
<li>[[council.ordinal]] — {{COUNCIL_CITY}}, {{COUNCIL_DATE}}
{{#COUNCIL_HELD}}<span class="badge done">[[council.held]]</span>{{/COUNCIL_HELD}}{{#COUNCIL_NEXT}}<span class="badge in-progress">[[council.next]]</span>{{/COUNCIL_NEXT}}{{#COUNCIL_PLANNED}}<span class="badge planned">[[council.planned]]</span>{{/COUNCIL_PLANNED}}
</li>
{{/COUNCIL}}
</ol>
</section>
