{{%AUTOESCAPE context="HTML"}}
<h1>Verify a signed record offline</h1>
<p class="lead">Every satisfaction signature on HomeServe can be checked on your own computer, without trusting this website: all you need is OpenSSL 3 (the <code>openssl</code> command of Debian 12, Ubuntu 22.04 and later) and a terminal.</p>

<section aria-labelledby="what-heading">
<h2 id="what-heading">What is signed</h2>
<p>When a customer signs, HomeServe stores two values with the record:</p>
<ul>
<li>the <strong>SHA-256</strong> (in lower-case hex) of its <strong>hash input</strong>: the booking number, the customer's number, the moment of signing in UTC and the rating, joined by underscores, such as <code>12_2_2025-01-31T09:05:00Z_5</code>;</li>
<li>an <strong>Ed25519 signature</strong> (in base64) by HomeServe's own key over the <strong>signed record</strong>: eleven lines of text, each ending in one line feed, the last one too, such as</li>
</ul>
<pre class="record">homeserve-signature-v1
signature_id=7
booking_id=12
customer_id=2
vendor_id=3
service_id=1
price_paise=50000
rating=5
signed_at=2025-01-31T09:05:00Z
comments_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
sha256=7cd34090059cd7612fab100b45f8dbfd3321c8cda3fe446fa0180f921ef2e96e</pre>
<p>The record names the vendor, the service and the price, and holds the SHA-256 of the customer's comments and the hash above, so the signature covers all of them: change any one and the checks below fail.</p>
</section>

<section aria-labelledby="files-heading">
<h2 id="files-heading">1. Put the files in one folder</h2>
<dl class="facts">
<dt><code>public-key.pem</code></dt>
<dd>HomeServe's public key: <a href="/signatures/public-key.pem">download public-key.pem</a>. It must read exactly:
<pre class="record">{{public_key:pre_escape}}</pre></dd>
<dt><code>record.txt</code> and <code>record.sig</code></dt>
<dd>From the record's own page (<code>/signatures/</code> and its number), its <strong>record.txt</strong> and <strong>record.sig</strong> downloads: that is all.</dd>
</dl>
<p>Or, for auditors, from the signature vault's CSV export (the operations team's <strong>Download these records as CSV</strong>): read it with a CSV reader rather than a spreadsheet, which may change line ends.</p>
<ul>
<li>Save the <strong>Signed record</strong> cell exactly as <code>record.txt</code>: UTF-8, line feeds only (no carriage returns), ending in a line feed.</li>
<li>Save the <strong>Ed25519 (base64)</strong> cell as <code>record.sig.b64</code>, then turn it into the 64 bytes of the signature:
<pre><code id="command-decode">openssl base64 -d -A -in record.sig.b64 -out record.sig</code></pre></li>
</ul>
<p>A CSV cell that begins with <code>=</code>, <code>+</code>, <code>-</code> or <code>@</code> gets a <code>'</code> in front of it, so that no spreadsheet runs it as a formula. A signature in base64 can begin with <code>+</code>: leave that <code>'</code> out of <code>record.sig.b64</code>. The same holds for comments that begin with one of those characters.</p>
</section>

<section aria-labelledby="hash-heading">
<h2 id="hash-heading">2. Check the hash</h2>
<p>Write the record's hash input (the <strong>Hash input</strong> cell of the CSV, or the text after “SHA-256 of” on the record's page) with nothing after it, and hash it:</p>
<pre><code id="command-hash">printf '%s' '12_2_2025-01-31T09:05:00Z_5' &gt; hash-input.txt
openssl dgst -sha256 hash-input.txt</code></pre>
<p>OpenSSL prints <code>SHA2-256(hash-input.txt)=</code> and the hash, which must be the record's SHA-256: the <code>sha256=</code> line of <code>record.txt</code>.</p>
</section>

<section aria-labelledby="signature-heading">
<h2 id="signature-heading">3. Check HomeServe's signature</h2>
<pre><code id="command-verify">openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in record.txt -sigfile record.sig</code></pre>
<p>For a genuine record OpenSSL prints “Signature Verified Successfully” and exits with status 0. For a record changed in any way, even by one character, it prints “Signature Verification Failure” and exits with status 1.</p>
</section>

<section aria-labelledby="comments-heading">
<h2 id="comments-heading">4. Check the comments</h2>
<p>Save the customer's comments exactly as they wrote them (UTF-8, with nothing added, not even a line end) as <code>comments.txt</code>, and hash them:</p>
<pre><code id="command-comments">openssl dgst -sha256 comments.txt</code></pre>
<p>The hash must be the <code>comments_sha256=</code> line of <code>record.txt</code>. No comments at all hash to <code>e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855</code>.</p>
</section>

<section aria-labelledby="failure-heading">
<h2 id="failure-heading">When a check fails</h2>
<p>A record that fails either check was changed after the customer signed it, or is not HomeServe's. Do not rely on it, and tell HomeServe's operations team which record it is.</p>
</section>
