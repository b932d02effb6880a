{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="[[area.breadcrumb]]">
<a href="/">[[nav.dashboard]]</a> <span aria-hidden="true">›</span> <a href="/areas/{{AREA_SLUG}}">{{AREA_TITLE}}</a> <span aria-hidden="true">›</span> <a href="/areas/{{AREA_SLUG}}/history">[[history.title]]</a> <span aria-hidden="true">›</span> <span aria-current="page">[[history.compare]]</span>
</nav>
<h1>{{WHAT}}</h1>
<p class="lead">[[history.comparing]]</p>
{{>CHANGES}}
