
-- 
HomeServe, home services you can trust: {{site}}
Choose what we send you: {{prefs_url}}
{{#unsubscribe}}Stop these emails: {{url}}
{{/unsubscribe}}
