{{%AUTOESCAPE context="HTML"}}
<div class="table-scroll diff-wrap" tabindex="0" role="region" aria-label="{{CAPTION}}">
<table class="diff">
<caption>{{CAPTION}}</caption>
<thead><tr><th scope="col">[[diff.old_line]]</th><th scope="col">[[diff.new_line]]</th><th scope="col">[[diff.change]]</th><th scope="col">[[diff.text]]</th></tr></thead>
<tbody>
{{#ROW}}{{#GAP}}<tr class="gap"><td colspan="4">[[diff.skipped]]</td></tr>{{/GAP}}{{#LINE}}<tr class="{{CLASS}}"><td class="ln">{{OLD_NO}}</td><td class="ln">{{NEW_NO}}</td><td class="mark">{{#DEL}}<span title="[[diff.removed]]">−<span class="visually-hidden"> [[diff.removed]]</span></span>{{/DEL}}{{#INS}}<span title="[[diff.added]]">+<span class="visually-hidden"> [[diff.added]]</span></span>{{/INS}}</td><td class="text">{{TEXT}}</td></tr>{{/LINE}}
{{/ROW}}{{#NO_CHANGE}}<tr><td colspan="4">[[diff.none]]</td></tr>{{/NO_CHANGE}}{{#TOO_LONG}}<tr><td colspan="4">[[diff.too_long]]</td></tr>{{/TOO_LONG}}
</tbody>
</table>
</div>
