{{%AUTOESCAPE context="HTML"}}
<div class="enrol">
<h1>[[totp.enrol_heading]]</h1>
<p class="lead">{{INTRO}}</p>
{{#ERROR}}<p class="form-error" role="alert" id="form-error">{{TEXT}}</p>{{/ERROR}}
<ol class="steps">
<li>
<p>[[totp.enrol_scan]]</p>
<figure class="qr">
<img src="{{QR_URL}}" width="{{QR_SIZE}}" height="{{QR_SIZE}}" alt="[[totp.qr_alt]]">
</figure>
</li>
<li>
<p>[[totp.enrol_type]]</p>
<p><code id="totp-secret" class="secret" aria-label="[[totp.secret_label]]">{{SECRET}}</code></p>
<details><summary>[[totp.uri_label]]</summary><p><code class="uri">{{URI}}</code></p></details>
</li>
<li>
<form method="post" action="{{ACTION}}" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<p>
<label for="code">[[totp.enrol_code]]</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" required maxlength="64">
</p>
<p><button type="submit" class="primary">[[totp.enrol_submit]]</button></p>
</form>
</li>
</ol>
{{#CANCEL}}<form method="post" action="/login/cancel" class="inline-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">[[totp.cancel]]</button>
</form>{{/CANCEL}}
</div>
