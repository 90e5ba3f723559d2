Hello {{name}},

Your HomeServe statement for {{month}}:

  Jobs paid:       {{jobs}}
  Customers paid:  {{gross}}
  Commission:      {{commission}}
  Your earnings:   {{net}}
{{#link}}
Your earnings and payouts: {{url}}
{{/link}}{{>footer_text}}
