Hello {{name}},

{{text}}
{{#link}}
{{url}}
{{/link}}{{>footer_text}}
