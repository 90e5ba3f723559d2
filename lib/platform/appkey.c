/* appkey.c: the server secret: 32 random bytes in hex, made once per data dir, never in the repository or a log. */
#include <stdio.h>
#include <string.h>

#include "appkey.h"
#include "crypto.h"
#include "log.h"

static unsigned char	key[APPKEY_BYTES];
static int		loaded;

/* Read the key before the workers fork: 0, or -1 if missing or malformed. */
int
appkey_load(const char *path)
{
	FILE	*f;
	char	 hex[2 * APPKEY_BYTES + 16];
	int	 rc = -1;

	if ((f = fopen(path, "r")) == NULL)
		return -1;
	if (fgets(hex, sizeof(hex), f) != NULL) {
		hex[strcspn(hex, "\r\n")] = '\0';
		rc = crypto_unhex(hex, key, sizeof(key));
	}
	fclose(f);
	explicit_bzero(hex, sizeof(hex));
	loaded = rc == 0;
	return rc;
}

int
appkey_loaded(void)
{
	return loaded;
}

/*
 * HMAC-SHA256 of msg under the server secret.  Callers put a label of
 * their own at the start of msg ("start-code:", "unsubscribe:"), so no
 * two uses can stand in for each other.
 */
void
appkey_mac(const void *msg, size_t len, unsigned char out[CRYPTO_SHA256_LEN])
{
	if (!loaded)
		log_fatal("appkey: the server secret is not loaded");
	crypto_hmac_sha256(key, sizeof(key), msg, len, out);
}
