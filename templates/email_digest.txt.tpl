Hello {{name}},

{{text}}
{{#job}}
- {{service}}, {{when}}, pincode {{pincode}}, {{price}}{{/job}}
{{#more}}
... and more: the {{shown}} soonest are listed here.
{{/more}}{{#link}}
Open your job board: {{url}}
{{/link}}{{>footer_text}}
