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
	/* Secrets, read from keys/ in the data dir; NULL when absent. */
	const char	*stripe_secret_key;	/* keys/stripe_secret_key */
	const char	*stripe_webhook_secret;	/* keys/stripe_webhook_secret */
};

const struct config	*config_load(void);

#endif
