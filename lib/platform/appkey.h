/* appkey.h: the server secret (keys/app.key), read once per process, and the keyed hashes made with it. */
#ifndef HS_APPKEY_H
#define HS_APPKEY_H

#include <stddef.h>

#include "crypto.h"

#define APPKEY_BYTES	32

int	appkey_load(const char *path);
int	appkey_loaded(void);
void	appkey_mac(const void *msg, size_t len,
	    unsigned char out[CRYPTO_SHA256_LEN]);

#endif
