{{%AUTOESCAPE context="HTML"}}
<h1>[[councils.heading]]</h1>
<p class="lead">[[councils.intro]]</p>
{{#NOTICE}}<p class="notice" role="status">{{TEXT}}</p>{{/NOTICE}}
<ol class="council-cards">
{{#COUNCIL}}
<li class="panel">
<h2>[[council.ordinal]] — {{COUNCIL_CITY}}, {{COUNCIL_DATE}}</h2>
{{#COUNCIL_HELD}}<p><span class="badge done">[[council.held]]</span></p>
<ul class="links">
<li><a href="/register?council={{COUNCIL_NUMBER}}">[[councils.register_as_reviewed]]</a></li>
<li><a href="/changes?council={{COUNCIL_NUMBER}}">[[councils.changes_since]]</a></li>
</ul>{{/COUNCIL_HELD}}
{{#COUNCIL_NEXT}}<p><span class="badge in-progress">[[council.next]]</span></p>{{/COUNCIL_NEXT}}
{{#COUNCIL_PLANNED}}<p><span class="badge planned">[[council.planned]]</span></p>{{/COUNCIL_PLANNED}}
{{#MARK_HELD}}
<form method="post" action="/councils/{{COUNCIL_NUMBER}}/held" class="row-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="primary">[[councils.mark_held]]</button>
<span class="field-hint">[[councils.mark_held_hint]]</span>
</form>
{{/MARK_HELD}}
</li>
{{/COUNCIL}}
</ol>
{{#ADD_COUNCIL}}
<section class="panel" aria-labelledby="add-h">
<h2 id="add-h">[[councils.add_heading]]</h2>
<form method="post" action="/councils" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p><label for="c-city">[[councils.city_en]]</label><input id="c-city" name="city" type="text" maxlength="100" required lang="en"></p>
<p><label for="c-city-ko">[[councils.city_ko]]</label><input id="c-city-ko" name="city_ko" type="text" maxlength="100" lang="ko"></p>
<p><label for="c-date">[[councils.date_en]]</label><input id="c-date" name="date" type="text" maxlength="100" required lang="en"></p>
<p><label for="c-date-ko">[[councils.date_ko]]</label><input id="c-date-ko" name="date_ko" type="text" maxlength="100" lang="ko"></p>
<p><button type="submit" class="primary">[[councils.add]]</button></p>
</form>
</section>
{{/ADD_COUNCIL}}
