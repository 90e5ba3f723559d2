Hello {{name}},

{{text}}
{{#link}}
Choose your password: {{url}}
{{/link}}
The link works once, for 72 hours; after that, ask for a new one with "Forgot your password?" on the sign-in page. Nobody from HomeServe will ever ask you for your password.
{{>footer_text}}
