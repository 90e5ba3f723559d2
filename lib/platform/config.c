/* config.c: the only place that reads the environment for settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"

#ifndef HOMESERVE_DEFAULT_DATA
#define HOMESERVE_DEFAULT_DATA	"/var/lib/homeserve"
#endif
#ifndef HOMESERVE_DEFAULT_SHARE
#define HOMESERVE_DEFAULT_SHARE	"/usr/local/share/homeserve"
#endif

static struct config	config;

static const char *
env_or(const char *name, const char *fallback)
{
	const char	*v = getenv(name);

	return v != NULL && *v != '\0' ? v : fallback;
}

static const char *
join(const char *dir, const char *file)
{
	size_t	 n = strlen(dir) + strlen(file) + 2;
	char	*p;

	if ((p = malloc(n)) == NULL)
		log_fatal("config: out of memory");
	snprintf(p, n, "%s/%s", dir, file);
	return p;
}

/* A base URL from the environment, without trailing slashes. */
static const char *
url_or(const char *name, const char *fallback)
{
	char	*p = strdup(env_or(name, fallback));
	size_t	 n;

	if (p == NULL)
		log_fatal("config: out of memory");
	for (n = strlen(p); n > 0 && p[n - 1] == '/'; n--)
		p[n - 1] = '\0';
	return p;
}

/*
 * A secret kept in a file under the data dir (never in the repository,
 * the environment or a log): its first line, or NULL when the file is
 * missing or empty.
 */
static const char *
secret_read(const char *dir, const char *file)
{
	const char	*path = join(dir, file);
	char		 line[512], *p;
	FILE		*f;

	if ((f = fopen(path, "r")) == NULL) {
		free((void *)path);
		return NULL;
	}
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	if (line[0] == '\0')
		log_warn("config: %s is empty", path);
	free((void *)path);
	if (line[0] == '\0')
		return NULL;
	if ((p = strdup(line)) == NULL)
		log_fatal("config: out of memory");
	explicit_bzero(line, sizeof(line));
	return p;
}

/* A whole number from the environment within [min, max], else fallback. */
static long
number_or(const char *name, long min, long max, long fallback)
{
	const char	*v = getenv(name);
	char		*end;
	long		 n;

	if (v == NULL || *v == '\0')
		return fallback;
	n = strtol(v, &end, 10);
	if (*end != '\0' || n < min || n > max) {
		log_warn("config: %s must be a number from %ld to %ld; using %ld",
		    name, min, max, fallback);
		return fallback;
	}
	return n;
}

/* NULL for an unset or empty variable: "not configured". */
static const char *
env_set(const char *name)
{
	const char	*v = getenv(name);

	return v != NULL && *v != '\0' ? v : NULL;
}

const char *
config_secret(const char *file)
{
	return secret_read(config_load()->data_dir, file);
}

/*
 * The site's own host name from its public origin, for addresses such
 * as the default sender's; "localhost" when the origin is an IP address.
 */
static const char *
site_host(const char *base_url)
{
	const char	*h = strstr(base_url, "://");
	size_t		 n;
	char		*host;

	h = h != NULL ? h + 3 : base_url;
	n = strcspn(h, ":/");
	if (n == 0 || n > 200 || strspn(h, "0123456789.") >= n ||
	    strspn(h, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") < n)
		return "localhost";
	if ((host = strndup(h, n)) == NULL)
		log_fatal("config: out of memory");
	return host;
}

/* HOMESERVE_MAIL_FROM: "Name <address>" or "address". */
static void
mail_from_read(struct config *c)
{
	const char	*v = env_set("HOMESERVE_MAIL_FROM");
	const char	*lt, *gt;
	char		*name, *addr;

	if (v == NULL) {
		c->mail_from_name = "HomeServe";
		if ((addr = malloc(strlen(site_host(c->base_url)) + 10)) == NULL)
			log_fatal("config: out of memory");
		sprintf(addr, "no-reply@%s", site_host(c->base_url));
		c->mail_from = addr;
		return;
	}
	lt = strchr(v, '<');
	gt = lt != NULL ? strchr(lt, '>') : NULL;
	if (lt == NULL || gt == NULL) {
		c->mail_from_name = NULL;
		c->mail_from = v;
		return;
	}
	for (name = strndup(v, (size_t)(lt - v)); name != NULL &&
	    *name != '\0' && name[strlen(name) - 1] == ' ';)
		name[strlen(name) - 1] = '\0';
	addr = strndup(lt + 1, (size_t)(gt - lt - 1));
	if (name == NULL || addr == NULL)
		log_fatal("config: out of memory");
	c->mail_from_name = *name != '\0' ? name : NULL;
	c->mail_from = addr;
}

/* Where messages go; the log files stand in for unconfigured providers. */
static void
delivery_read(struct config *c)
{
	const char	*log_dir = join(c->data_dir, "log");

	mail_from_read(c);
	c->smtp_url = env_set("HOMESERVE_SMTP_URL");
	c->smtp_ca_file = env_set("HOMESERVE_SMTP_CA");
	c->sms_url = env_set("HOMESERVE_SMS_URL");
	c->sms_from = env_or("HOMESERVE_SMS_FROM", "HSERVE");
	c->chat_url = env_set("HOMESERVE_CHAT_WEBHOOK_URL");
	c->delivery_timeout_ms = 1000 * number_or("HOMESERVE_DELIVERY_TIMEOUT",
	    1, 300, 30);
	c->outbox_workers = (int)number_or("HOMESERVE_OUTBOX_WORKERS", 1, 16,
	    2);
	c->mbox_path = join(log_dir, "mail.mbox");
	c->sms_log_path = join(log_dir, "sms.log");
	c->chat_log_path = join(log_dir, "chat.log");
	free((void *)log_dir);
}

const struct config *
config_load(void)
{
	const char	*workers;

	if (config.data_dir != NULL)
		return &config;
	config.data_dir = env_or("HOMESERVE_DATA", HOMESERVE_DEFAULT_DATA);
	config.share_dir = env_or("HOMESERVE_SHARE", HOMESERVE_DEFAULT_SHARE);
	config.timezone = env_or("HOMESERVE_TZ", "Asia/Kolkata");
	config.db_path = join(config.data_dir, "homeserve.db");
	config.templates_dir = join(config.share_dir, "templates");
	config.sql_dir = join(config.share_dir, "sql");
	config.app_key_path = join(config.data_dir, "keys/app.key");
	config.signing_key_path = join(config.data_dir, "keys/signing.pem");
	config.uploads_dir = join(config.data_dir, "uploads");
	workers = env_or("HOMESERVE_WORKERS", "4");
	config.workers = atoi(workers);
	if (config.workers < 1 || config.workers > 64)
		config.workers = 4;
	config.payment_gateway = env_or("HOMESERVE_PAYMENT_GATEWAY", "test");
	config.base_url = url_or("HOMESERVE_BASE_URL", "https://127.0.0.1:8443");
	config.stripe_api_base = url_or("HOMESERVE_STRIPE_API",
	    "https://api.stripe.com");
	/* Production sites answer only over HTTPS (the Debian package's). */
	config.secure_cookies = (int)number_or("HOMESERVE_SECURE_COOKIES",
	    0, 1, 0);
	config.stripe_secret_key = secret_read(config.data_dir,
	    "keys/stripe_secret_key");
	config.stripe_webhook_secret = secret_read(config.data_dir,
	    "keys/stripe_webhook_secret");
	if (strcmp(config.payment_gateway, "stripe") == 0 &&
	    (config.stripe_secret_key == NULL ||
	    config.stripe_webhook_secret == NULL))
		log_warn("config: the stripe gateway needs keys/stripe_secret_key "
		    "and keys/stripe_webhook_secret in %s", config.data_dir);
	delivery_read(&config);
	return &config;
}
