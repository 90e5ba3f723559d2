/* device.h: a person-readable name for the browser and system a User-Agent header describes ("Firefox on Android"). */
#ifndef HS_DEVICE_H
#define HS_DEVICE_H

#include <stddef.h>

char	*device_describe(char *out, size_t size, const char *user_agent);

#endif
