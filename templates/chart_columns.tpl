{{%AUTOESCAPE context="HTML"}}
<svg class="chart" viewBox="0 0 {{width}} {{height}}" role="img" aria-labelledby="{{id}}-title {{id}}-desc">
<title id="{{id}}-title">{{title}}</title>
<desc id="{{id}}-desc">{{desc}}</desc>
{{#grid}}<line class="grid" x1="{{x1}}" y1="{{y}}" x2="{{x2}}" y2="{{y}}"/><text class="tick" x="{{tx}}" y="{{ty}}" text-anchor="end">{{label}}</text>
{{/grid}}<line class="axis" x1="{{x1}}" y1="{{zero}}" x2="{{x2}}" y2="{{zero}}"/>
{{#legend}}<rect class="series-{{series}}" x="{{x}}" y="{{y}}" width="12" height="12"/><text class="legend" x="{{tx}}" y="{{ty}}">{{name}}</text>
{{/legend}}{{#bar}}<rect class="series-{{series}}" x="{{x}}" y="{{y}}" width="{{w}}" height="{{h}}"><title>{{label}}: {{value}}</title></rect>
{{/bar}}{{#xlabel}}<text class="label" x="{{x}}" y="{{y}}" text-anchor="middle">{{text}}</text>
{{/xlabel}}</svg>
