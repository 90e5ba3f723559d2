{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/admin/audit">Audit log</a></p>
<h1>Audit log check</h1>
{{#intact}}<p class="notice" role="status">The chain is intact: all {{rows}} entries are as they were written.</p>
{{/intact}}{{#broken}}<p class="error-summary" role="alert">The chain is broken at entry #{{id}}: {{why}}. The {{good}} entries before it are intact.</p>
<p><a href="/admin/audit?page=1">Look at the log</a>, then at the database's backups for entry #{{id}} and the ones around it.</p>
{{/broken}}<p>Each entry holds the SHA-256 of the entry before it and of its own content, so no entry can be changed, removed or slipped in without breaking the chain from there on. Write down the latest hash below, or send it to your auditor, now and then: it fixes everything written until then.</p>
<dl class="facts">
<dt>Entries checked</dt><dd>{{rows}}</dd>
<dt>Latest good hash</dt><dd><code>{{head}}</code></dd>
</dl>
