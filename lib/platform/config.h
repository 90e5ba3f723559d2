/* config.h: process-wide settings, read once from the environment at start-up. */
#ifndef HS_CONFIG_H
#define HS_CONFIG_H

struct config {
	const char	*data_dir;	/* HOMESERVE_DATA: database, uploads, keys */
	const char	*share_dir;	/* HOMESERVE_SHARE: templates/ and sql/ */
	const char	*db_path;
	const char	*templates_dir;
	const char	*sql_dir;
	const char	*app_key_path;	/* keys/app.key: the server secret */
	const char	*signing_key_path; /* keys/signing.pem: Ed25519 */
	const char	*uploads_dir;
	const char	*timezone;	/* HOMESERVE_TZ, default Asia/Kolkata */
	int		 workers;	/* HOMESERVE_WORKERS, FastCGI processes */
	const char	*payment_gateway; /* HOMESERVE_PAYMENT_GATEWAY, default test */
	const char	*base_url;	/* HOMESERVE_BASE_URL: the public origin */
	const char	*stripe_api_base; /* HOMESERVE_STRIPE_API */
	int		 secure_cookies; /* HOMESERVE_SECURE_COOKIES=1: always Secure */
	/* Secrets, read from keys/ in the data dir; NULL when absent. */
	const char	*stripe_secret_key;	/* keys/stripe_secret_key */
	const char	*stripe_webhook_secret;	/* keys/stripe_webhook_secret */
	/* Messages that leave the site (the outbox worker's). */
	const char	*mail_from;	/* HOMESERVE_MAIL_FROM's address */
	const char	*mail_from_name; /* ... and its display name */
	const char	*smtp_url;	/* HOMESERVE_SMTP_URL; NULL: the mbox */
	const char	*smtp_ca_file;	/* HOMESERVE_SMTP_CA; NULL: the system's */
	const char	*sms_url;	/* HOMESERVE_SMS_URL; NULL: the SMS log */
	const char	*sms_from;	/* HOMESERVE_SMS_FROM: the sender */
	const char	*chat_url;	/* HOMESERVE_CHAT_WEBHOOK_URL; NULL: a log */
	long		 delivery_timeout_ms; /* HOMESERVE_DELIVERY_TIMEOUT, s */
	int		 outbox_workers; /* HOMESERVE_OUTBOX_WORKERS */
	const char	*mbox_path;	/* log/mail.mbox */
	const char	*sms_log_path;	/* log/sms.log */
	const char	*chat_log_path;	/* log/chat.log */
};

const struct config	*config_load(void);
/* A secret file under keys/, read when a program needs it; NULL if absent. */
const char		*config_secret(const char *file);

#endif
