{{%AUTOESCAPE context="HTML"}}
<div class="prose">{{HTML:none}}</div>
