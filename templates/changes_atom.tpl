{{%AUTOESCAPE context="XML"}}<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{LANG}}">
<title>{{FEED_TITLE}}</title>
<id>tag:eu-korea-digital-partnership,2023:changes-since-council-{{COUNCIL_ID}}</id>
<updated>{{FEED_UPDATED}}</updated>
<author><name>[[site.name]]</name></author>
<link rel="alternate" href="/changes?council={{COUNCIL_ID}}"/>
{{#AREA}}{{#COMMITMENT}}<entry>
<title>{{COMMITMENT_NUMBER}} {{COMMITMENT_TEXT}}</title>
<id>tag:eu-korea-digital-partnership,2023:commitment-{{COMMITMENT_ID}}-{{UPDATED}}</id>
<updated>{{UPDATED}}</updated>
<link rel="alternate" href="/commitments/{{COMMITMENT_ID}}"/>
<content type="text">{{AREA_TITLE}}. {{#NEW}}[[changes.new]]. {{/NEW}}{{#CHANGE}}{{LABEL}}: {{BEFORE}} → {{AFTER}}. {{/CHANGE}}</content>
</entry>
{{/COMMITMENT}}{{/AREA}}</feed>
