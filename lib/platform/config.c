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
	return &config;
}
