{{%AUTOESCAPE context="HTML"}}
<div class="recovery">
<h1>[[totp.codes_heading]]</h1>
<p class="lead">[[totp.codes_intro]]</p>
<ol class="recovery-codes" id="recovery-codes">
{{#CODE}}<li><code>{{TEXT}}</code></li>{{/CODE}}
</ol>
<p class="no-print"><a href="{{DOWNLOAD_URL}}" download="recovery-codes.txt">[[totp.codes_download]]</a></p>
<form method="post" action="{{ACTION}}" class="stacked no-print">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<p class="check">
<input id="saved" name="saved" type="checkbox" value="1" required>
<label for="saved">[[totp.codes_saved]]</label>
</p>
<p><button type="submit" class="primary">[[totp.codes_continue]]</button></p>
</form>
</div>
