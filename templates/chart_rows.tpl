{{%AUTOESCAPE context="HTML"}}
<svg class="chart" viewBox="0 0 {{width}} {{height}}" role="img" aria-labelledby="{{id}}-title {{id}}-desc">
<title id="{{id}}-title">{{title}}</title>
<desc id="{{id}}-desc">{{desc}}</desc>
{{#empty}}<text class="label" x="0" y="24">{{text}}</text>
{{/empty}}{{#bar}}<text class="label" x="0" y="{{ty}}">{{label}}</text><rect class="series-0" x="0" y="{{y}}" width="{{w}}" height="{{h}}"><title>{{name}}: {{value}}</title></rect><text class="value" x="{{vx}}" y="{{vy}}">{{value}}</text>
{{/bar}}</svg>
