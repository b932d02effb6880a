{{%AUTOESCAPE context="HTML"}}
<h1>[[register.heading]]</h1>
<p class="lead">[[register.intro]]</p>
{{#AS_REVIEWED}}<p class="hint-box">[[register.as_reviewed]] <a href="/register">[[register.see_current]]</a></p>{{/AS_REVIEWED}}

{{#FILTERS}}
<form method="get" action="/register" class="filters" role="search" aria-label="[[register.filter_label]]">
{{#COUNCIL_FIELD}}<input type="hidden" name="council" value="{{COUNCIL_NUMBER}}">{{/COUNCIL_FIELD}}
<p><label for="f-area">[[commitment.area]]</label>
<select id="f-area" name="area"><option value="">[[register.all_areas]]</option>{{#AREA_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/AREA_OPTION}}</select></p>
<p><label for="f-lead">[[commitment.lead]]</label>
<select id="f-lead" name="lead"><option value="">[[register.any]]</option>{{#LEAD_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/LEAD_OPTION}}</select></p>
<p><label for="f-status">[[commitment.status]]</label>
<select id="f-status" name="status"><option value="">[[register.any]]</option>{{#STATUS_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPTION}}</select></p>
<p><label for="f-q">[[register.search]]</label>
<input id="f-q" name="q" type="search" maxlength="200" value="{{Q}}"></p>
<p class="filter-buttons"><button type="submit" class="primary">[[register.apply]]</button> <a class="button" href="/register">[[register.reset]]</a></p>
</form>
{{/FILTERS}}

<div class="register-summary">
<p class="register-count">[[register.count]]</p>
<ul class="status-counts" aria-label="[[dashboard.summary]]">
<li class="badge planned">[[status.planned]] <strong>{{COUNT_PLANNED}}</strong></li>
<li class="badge in-progress">[[status.in_progress]] <strong>{{COUNT_IN_PROGRESS}}</strong></li>
<li class="badge done">[[status.done]] <strong>{{COUNT_DONE}}</strong></li>
<li class="badge dropped">[[status.dropped]] <strong>{{COUNT_DROPPED}}</strong></li>
</ul>
<p class="downloads">[[register.download]]
<a href="/register.xlsx?{{DOWNLOAD_QUERY}}" download>[[download.xlsx]]</a>
<a href="/register.csv?{{DOWNLOAD_QUERY}}" download>[[download.csv]]</a>
<a href="/register.json?{{DOWNLOAD_QUERY}}" download>[[download.json]]</a></p>
</div>
{{#NO_ROWS}}<p class="empty">[[register.no_rows]]</p>{{/NO_ROWS}}
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="register-caption">
<table class="register">
<caption id="register-caption">[[register.heading]]</caption>
<thead>
<tr>
<th scope="col"{{#SORT_NUMBER}}{{#SORTED}} aria-sort="{{ARIA_SORT}}"{{/SORTED}}><a href="{{HREF}}">[[commitment.number]]</a>{{/SORT_NUMBER}}</th>
<th scope="col">[[commitment.area]]</th>
<th scope="col">[[commitment.text]]</th>
<th scope="col"{{#SORT_LEAD}}{{#SORTED}} aria-sort="{{ARIA_SORT}}"{{/SORTED}}><a href="{{HREF}}">[[commitment.lead]]</a>{{/SORT_LEAD}}</th>
<th scope="col"{{#SORT_STATUS}}{{#SORTED}} aria-sort="{{ARIA_SORT}}"{{/SORTED}}><a href="{{HREF}}">[[commitment.status]]</a>{{/SORT_STATUS}}</th>
<th scope="col"{{#SORT_PROGRESS}}{{#SORTED}} aria-sort="{{ARIA_SORT}}"{{/SORTED}}><a href="{{HREF}}">[[commitment.progress]]</a>{{/SORT_PROGRESS}}</th>
<th scope="col">[[commitment.target]]</th>
<th scope="col">[[commitment.eu_note]]</th>
<th scope="col">[[commitment.kr_note]]</th>
<th scope="col"{{#SORT_UPDATED}}{{#SORTED}} aria-sort="{{ARIA_SORT}}"{{/SORTED}}><a href="{{HREF}}">[[register.last_change]]</a>{{/SORT_UPDATED}}</th>
</tr>
</thead>
<tbody>
{{#COMMITMENT}}
<tr id="c{{COMMITMENT_ID}}">
<td class="num"><a href="/commitments/{{COMMITMENT_ID}}">{{COMMITMENT_NUMBER}}</a></td>
<td class="area-cell">{{#AREA_PART}}<a href="/areas/{{AREA_SLUG}}"{{#OTHER_LANG_ATTR}} lang="{{OTHER_LANG}}"{{/OTHER_LANG_ATTR}}>{{AREA_TITLE}}</a>{{/AREA_PART}}</td>
<td class="text-cell">{{#TEXT_PART}}<span{{#OTHER_LANG_ATTR}} lang="{{OTHER_LANG}}"{{/OTHER_LANG_ATTR}}>{{COMMITMENT_TEXT}}</span>{{/TEXT_PART}}</td>
<td><span class="lead lead-{{LEAD_CLASS}}">{{LEAD}}</span></td>
<td><span class="badge {{STATUS_CLASS}}">{{STATUS}}</span></td>
<td class="progress-cell"><progress max="100" value="{{PROGRESS}}" aria-label="[[commitment.progress]]"></progress> [[format.percent]]</td>
<td>{{#TARGET_PART}}<span{{#OTHER_LANG_ATTR}} lang="{{OTHER_LANG}}"{{/OTHER_LANG_ATTR}}>{{TARGET}}</span>{{/TARGET_PART}}</td>
<td class="note-cell">{{#EU_NOTE}}<span{{#OTHER_LANG_ATTR}} lang="{{OTHER_LANG}}"{{/OTHER_LANG_ATTR}}>{{NOTE:p}}</span>{{/EU_NOTE}}</td>
<td class="note-cell">{{#KR_NOTE}}<span{{#OTHER_LANG_ATTR}} lang="{{OTHER_LANG}}"{{/OTHER_LANG_ATTR}}>{{NOTE:p}}</span>{{/KR_NOTE}}</td>
<td class="changed">{{#CHANGED}}{{AT}}<br>{{NAME}} {{SIDE}}{{/CHANGED}}</td>
</tr>
{{/COMMITMENT}}
</tbody>
</table>
</div>
