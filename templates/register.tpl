{{%AUTOESCAPE context="HTML"}}
<h1>[[register.heading]]</h1>
<p class="lead">[[register.intro]]</p>
<p class="register-count">[[register.count]]</p>
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="register-caption">
<table class="register">
<caption id="register-caption">[[register.heading]]</caption>
<thead>
<tr>
<th scope="col">[[commitment.number]]</th>
<th scope="col">[[commitment.area]]</th>
<th scope="col">[[commitment.text]]</th>
<th scope="col">[[commitment.lead]]</th>
<th scope="col">[[commitment.status]]</th>
<th scope="col">[[commitment.progress]]</th>
<th scope="col">[[commitment.target]]</th>
<th scope="col">[[commitment.eu_note]]</th>
<th scope="col">[[commitment.kr_note]]</th>
</tr>
</thead>
<tbody>
{{#COMMITMENT}}
<tr id="c{{COMMITMENT_ID}}">
<td class="num">{{COMMITMENT_NUMBER}}</td>
<td><a href="/areas/{{AREA_SLUG}}">{{AREA_TITLE}}</a></td>
<td>{{#TEXT_PART}}<span{{#OTHER_LANG_ATTR}} lang="{{OTHER_LANG}}"{{/OTHER_LANG_ATTR}}>{{COMMITMENT_TEXT}}</span>{{/TEXT_PART}}</td>
<td><span class="lead lead-{{LEAD_CLASS}}">{{LEAD}}</span></td>
<td><span class="badge {{STATUS_CLASS}}">{{STATUS}}</span></td>
<td class="progress-cell"><progress max="100" value="{{PROGRESS}}" aria-label="[[commitment.progress]]"></progress> [[format.percent]]</td>
<td>{{#TARGET_PART}}<span{{#OTHER_LANG_ATTR}} lang="{{OTHER_LANG}}"{{/OTHER_LANG_ATTR}}>{{TARGET}}</span>{{/TARGET_PART}}</td>
<td class="note">{{#EU_NOTE}}<span{{#OTHER_LANG_ATTR}} lang="{{OTHER_LANG}}"{{/OTHER_LANG_ATTR}}>{{NOTE:p}}</span>{{/EU_NOTE}}</td>
<td class="note">{{#KR_NOTE}}<span{{#OTHER_LANG_ATTR}} lang="{{OTHER_LANG}}"{{/OTHER_LANG_ATTR}}>{{NOTE:p}}</span>{{/KR_NOTE}}</td>
</tr>
{{/COMMITMENT}}
</tbody>
</table>
</div>
