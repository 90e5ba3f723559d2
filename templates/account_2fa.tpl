{{%AUTOESCAPE context="HTML"}}
<h1>Two-factor sign-in</h1>
{{#problem}}<p class="error-summary" role="alert">{{message}}</p>{{/problem}}
{{#setup}}{{#required}}<p class="notice" role="status">Staff accounts must use two-factor sign-in. Set it up now to go on.</p>
{{/required}}<p>With two-factor sign-in, signing in asks for your password and a 6-digit code from an authenticator app on your phone (FreeOTP, Aegis, Google Authenticator, Microsoft Authenticator or any other TOTP app), so a stolen password alone is not enough.</p>
<ol>
<li>In the app, add an account and scan this code:
<p><img class="qr" src="/account/2fa/qr.svg" width="264" height="264" alt="QR code holding your HomeServe secret for the app"></p>
<p>Or type this secret instead: <code class="secret">{{secret}}</code> (a time-based key, 6 digits, every 30 seconds).</p></li>
<li>Type the code the app shows:
<form class="stack" method="post" action="/account/2fa">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="code">Code from the app</label>
<input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="20" required aria-describedby="code-hint{{#code_error}} code-error{{/code_error}}"{{#code_error}} aria-invalid="true"{{/code_error}}>
<p class="hint" id="code-hint">6 digits.</p>
{{#code_error}}<p class="error" id="code-error">{{message}}</p>{{/code_error}}
</div>
<button type="submit">Turn on two-factor sign-in</button>
</form></li>
</ol>
{{/setup}}{{#codes}}<p class="notice" role="status">Two-factor sign-in is on. From now on, signing in asks for a code from your app.</p>
<h2>Your recovery codes</h2>
<p>If you lose your phone, each of these codes signs you in once instead of the app's code. Print them or write them down now and keep them somewhere safe: <strong>this page is the only time they are shown.</strong></p>
<ul class="recovery-codes">
{{#code}}<li><code>{{text}}</code></li>
{{/code}}</ul>
<p><a href="/account/2fa">Done</a></p>
{{/codes}}{{#enrolled}}<p>Two-factor sign-in is on since <time datetime="{{since_iso}}">{{since}}</time>. You have {{recovery_left}} unused recovery code(s).</p>
{{#required}}<p>Staff accounts must keep it on.</p>
{{/required}}{{#can_disable}}<h2>Turn it off</h2>
<form class="stack" method="post" action="/account/2fa/disable">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="password">Your password</label>
<input id="password" name="password" type="password" autocomplete="current-password" maxlength="128" required{{#password_error}} aria-invalid="true" aria-describedby="password-error"{{/password_error}}>
{{#password_error}}<p class="error" id="password-error">{{message}}</p>{{/password_error}}
</div>
<div class="field">
<label for="code">A code from the app, or a recovery code</label>
<input id="code" name="code" autocomplete="one-time-code" maxlength="20" required{{#code_error}} aria-invalid="true" aria-describedby="code-error"{{/code_error}}>
{{#code_error}}<p class="error" id="code-error">{{message}}</p>{{/code_error}}
</div>
<button type="submit" class="danger">Turn off two-factor sign-in</button>
</form>
{{/can_disable}}{{/enrolled}}
