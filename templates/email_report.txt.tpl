Hello {{name}},

Your month with HomeServe, {{month}}:

  Bookings made:         {{bookings}}
  Completed and signed:  {{completed}}
  Paid:                  {{spent}}
  Reviews you gave:      {{reviews}}
{{#link}}
Your bookings: {{url}}
{{/link}}
Thank you for booking with us.
{{>footer_text}}
