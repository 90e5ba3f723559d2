{{%AUTOESCAPE context="HTML"}}
<h1>Analytics</h1>
{{>range}}
{{#shown}}<p class="lead">From {{first}} to {{last}}: {{days}} days. Each figure says what it counts; the table beside each chart holds its numbers.</p>
<nav class="figures" aria-label="Figures on this page">
<ul>
{{#figure}}<li><a href="#{{id}}">{{heading}}</a></li>
{{/figure}}</ul>
</nav>
{{/shown}}{{#figure}}<section class="figure" id="{{id}}">
<h2 id="{{id}}-heading">{{heading}}</h2>
<p class="hint">{{definition}}</p>
{{#summary}}<p>{{text}}</p>
{{/summary}}<div class="figure-body">
<div class="figure-chart" role="region" tabindex="0" aria-labelledby="{{id}}-chart-title">
{{>chart}}
</div>
<div class="table-box" role="region" tabindex="0" aria-labelledby="{{id}}-caption">
<table>
<caption id="{{id}}-caption">{{caption}}</caption>
<thead><tr>{{#column}}<th scope="col"{{#num}} class="num"{{/num}}>{{label}}</th>{{/column}}</tr></thead>
<tbody>
{{#row}}<tr><th scope="row">{{#link}}<a href="{{href}}">{{label}}</a>{{/link}}{{#plain}}{{label}}{{/plain}}</th>{{#cell}}<td class="num">{{value}}</td>{{/cell}}</tr>
{{/row}}</tbody>
{{#total}}<tfoot><tr><th scope="row">{{label}}</th>{{#cell}}<td class="num">{{value}}</td>{{/cell}}</tr></tfoot>
{{/total}}</table>
</div>
</div>
</section>
{{/figure}}
