{{%AUTOESCAPE context="HTML"}}
<h1>[[audit.heading]]</h1>
<p class="lead">[[audit.intro]]</p>
<p><a href="/admin/audit.csv" download>[[audit.download]]</a></p>
{{#CHAIN_OK}}<p class="notice ok" role="status">[[audit.chain_ok]]</p>{{/CHAIN_OK}}
{{#CHAIN_BROKEN}}<p class="form-error" role="alert">[[audit.chain_broken]]</p>{{/CHAIN_BROKEN}}
{{#REVISIONS_OK}}<p class="notice ok" role="status">[[audit.revisions_ok]]</p>{{/REVISIONS_OK}}
{{#REVISIONS_BROKEN}}<p class="form-error" role="alert">[[audit.revisions_broken]]</p>{{/REVISIONS_BROKEN}}
<section aria-labelledby="heads-heading">
<h2 id="heads-heading">[[audit.heads_heading]]</h2>
<p>[[audit.heads_intro]]</p>
<dl class="chain-heads">
{{#HEAD}}<dt>{{#AUDIT_HEAD}}[[audit.heads_audit]]{{/AUDIT_HEAD}}{{#REVISIONS_HEAD}}[[audit.heads_revisions]]{{/REVISIONS_HEAD}}</dt><dd><code class="hash">{{HEAD_HASH}}</code></dd>
{{/HEAD}}
</dl>
</section>
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="audit-caption">
<table class="data audit">
<caption id="audit-caption">[[audit.caption]]</caption>
<thead>
<tr><th scope="col">[[audit.seq]]</th><th scope="col">[[audit.at]]</th><th scope="col">[[account.login]]</th><th scope="col">[[account.side]]</th><th scope="col">[[audit.action]]</th><th scope="col">[[audit.detail]]</th><th scope="col">[[audit.addr]]</th></tr>
</thead>
<tbody>
{{#ENTRY}}
<tr id="e{{SEQ}}"><td class="num">{{SEQ}}</td><td class="nowrap">{{AT}}</td><td>{{LOGIN}}</td><td>{{SIDE}}</td><td><code>{{ACTION}}</code></td><td>{{DETAIL}}</td><td>{{ADDR}}</td></tr>
{{/ENTRY}}
</tbody>
</table>
</div>
<nav class="pager" aria-label="[[audit.pages]]">
{{#NEWER}}<a href="/admin/audit?page={{PAGE}}">[[audit.newer]]</a>{{/NEWER}}
{{#OLDER}}<a href="/admin/audit?page={{PAGE}}">[[audit.older]]</a>{{/OLDER}}
</nav>
