Hello {{name}},

{{text}}
{{#link}}
Choose a new password: {{url}}
{{/link}}
The link works once, for an hour. Nobody from HomeServe will ever ask you for your password.
{{>footer_text}}
