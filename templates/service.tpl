{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/services">Services</a> › <a href="/services?category={{category}}">{{category_name}}</a></p>
<h1>{{name}}</h1>
<p class="lead">{{description}}</p>
<dl class="facts">
<dt>Price</dt><dd class="price">{{price}}</dd>
<dt>Category</dt><dd>{{category_name}}</dd>
<dt>Usual duration</dt><dd>About {{duration}} minutes</dd>
</dl>
