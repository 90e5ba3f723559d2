/* lazylib.h: a shared library opened at the first call into it, not at program start. */
#ifndef HS_LAZYLIB_H
#define HS_LAZYLIB_H

/*
 * Plain CGI starts a process per request, and loading a library costs
 * that request its mapping, relocations and constructors: libcurl with
 * its TLS, Kerberos and LDAP libraries adds about 4 ms to a request
 * that never calls out, libgd with its codecs about 7 ms.  So the
 * programs do not link them; curl_lazy.c and gd_lazy.c define the
 * functions HomeServe calls, and each opens its library here on first
 * use.  A FastCGI supervisor opens libcurl before it forks (through
 * httpclient_init's curl_global_init); a worker opens libgd at its
 * first picture, once for its life.
 */
struct lazylib {
	const char	*soname;	/* "libcurl.so.4" */
	void		*handle;	/* NULL until opened */
	int		 failed;	/* opening failed: said once, not retried */
};

/*
 * The address of NAME in LIB, opening LIB first if needed; NULL (with
 * one log line per library) if it cannot be opened or lacks NAME.
 */
void	*lazylib_sym(struct lazylib *, const char *);
int	 lazylib_open(struct lazylib *);	/* 0, or -1 logged */

extern struct lazylib	lazylib_curl, lazylib_gd;

/*
 * Inside a shim function: FN becomes a pointer of NAME's own type (from
 * the library's header), found once; on failure the shim returns FAIL.
 */
#define LAZYLIB_FN(lib, name, fail) \
	static __typeof__(name) *fn; \
	if (fn == NULL && \
	    (fn = (__typeof__(name) *)lazylib_sym(&(lib), #name)) == NULL) \
		return fail

#endif /* HS_LAZYLIB_H */
