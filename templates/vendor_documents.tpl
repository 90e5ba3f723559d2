{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/vendor/application">Your application</a></p>
<h1>Your documents</h1>
<p>Upload an ID proof and an address proof (and, if you have them, trade certificates) as a PDF, a JPEG or a PNG of at most {{max_mb}} MB. Only you and our onboarding team can see them. You can replace a document until it is accepted.</p>
{{#none}}<p>No documents yet.</p>{{/none}}
<ul class="documents">
{{#document}}<li class="panel"><p><strong>{{type}}</strong>: <span class="status status-doc-{{status}}">{{status_label}}</span>{{#expires}}, valid until {{on}}{{/expires}}. Uploaded <time datetime="{{uploaded_iso}}">{{uploaded}}</time>. <a href="/vendor/documents/{{id}}">View<span class="visually-hidden"> {{type}}</span></a></p>
{{#review_reason}}<p class="error">{{text}}</p>{{/review_reason}}</li>
{{/document}}</ul>
<h2>Upload a document</h2>
{{#problem}}<p class="error-summary" role="alert" id="upload-problem">{{message}}</p>{{/problem}}
{{>error_summary}}
<form class="stack" method="post" action="/vendor/documents" enctype="multipart/form-data">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<div class="field">
<label for="doc_type">Document</label>
<select id="doc_type" name="doc_type" required{{#doc_type_error}} aria-invalid="true" aria-describedby="doc_type-error"{{/doc_type_error}}>
<option value="">Choose the document</option>
{{#type_option}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/type_option}}</select>
{{#doc_type_error}}<p class="error" id="doc_type-error">{{message}}</p>{{/doc_type_error}}
</div>
<div class="field">
<label for="document">File</label>
<input id="document" name="document" type="file" accept="application/pdf,image/jpeg,image/png" required{{#document_error}} aria-invalid="true" aria-describedby="document-error"{{/document_error}}>
{{#document_error}}<p class="error" id="document-error">{{message}}</p>{{/document_error}}
</div>
<div class="field">
<label for="expires_on">Valid until (if it expires)</label>
<input id="expires_on" name="expires_on" type="{{expires_on_type}}" value="{{expires_on}}" aria-describedby="expires_on-hint{{#expires_on_error}} expires_on-error{{/expires_on_error}}"{{#expires_on_error}} aria-invalid="true"{{/expires_on_error}}>
<p class="hint" id="expires_on-hint">YYYY-MM-DD. We remind you 30 days before.</p>
{{#expires_on_error}}<p class="error" id="expires_on-error">{{message}}</p>{{/expires_on_error}}
</div>
<button type="submit">Upload</button>
</form>
