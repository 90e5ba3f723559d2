/* lazylib.c: a shared library opened at the first call into it, not at program start (see lazylib.h for why). */
#include <dlfcn.h>
#include <stddef.h>

#include "lazylib.h"
#include "log.h"

/* The sonames Debian 12's -dev packages link against. */
struct lazylib	lazylib_curl = { "libcurl.so.4", NULL, 0 };
struct lazylib	lazylib_gd = { "libgd.so.3", NULL, 0 };

int
lazylib_open(struct lazylib *lib)
{
	if (lib->handle != NULL)
		return 0;
	if (lib->failed)
		return -1;
	/*
	 * RTLD_LOCAL: the library's symbols stay its own, so a shim of
	 * ours never answers a call the library makes into itself.
	 */
	if ((lib->handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		lib->failed = 1;
		log_error("lazylib: cannot open %s: %s", lib->soname, dlerror());
		return -1;
	}
	return 0;
}

void *
lazylib_sym(struct lazylib *lib, const char *name)
{
	void	*p;

	if (lazylib_open(lib) != 0)
		return NULL;
	if ((p = dlsym(lib->handle, name)) == NULL)
		log_error("lazylib: %s has no %s", lib->soname, name);
	return p;
}
