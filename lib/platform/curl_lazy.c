/* curl_lazy.c: the libcurl functions HomeServe calls, each opening libcurl at its first use (lazylib.h says why). */
#include <stdarg.h>

/* The type-checking macros would rename the two variadic functions. */
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

#include "lazylib.h"

CURLcode
curl_global_init(long flags)
{
	LAZYLIB_FN(lazylib_curl, curl_global_init, CURLE_FAILED_INIT);
	return fn(flags);
}

CURL *
curl_easy_init(void)
{
	LAZYLIB_FN(lazylib_curl, curl_easy_init, NULL);
	return fn();
}

void
curl_easy_reset(CURL *c)
{
	LAZYLIB_FN(lazylib_curl, curl_easy_reset, );
	fn(c);
}

void
curl_easy_cleanup(CURL *c)
{
	LAZYLIB_FN(lazylib_curl, curl_easy_cleanup, );
	fn(c);
}

CURLcode
curl_easy_perform(CURL *c)
{
	LAZYLIB_FN(lazylib_curl, curl_easy_perform, CURLE_FAILED_INIT);
	return fn(c);
}

/*
 * The one argument after the option has the type the option's number
 * range says (curl.h's CURLOPTTYPE_*), as libcurl itself reads it.
 */
CURLcode
curl_easy_setopt(CURL *c, CURLoption opt, ...)
{
	va_list		 ap;
	CURLcode	 rc;

	LAZYLIB_FN(lazylib_curl, curl_easy_setopt, CURLE_FAILED_INIT);
	va_start(ap, opt);
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		rc = fn(c, opt, va_arg(ap, long));
	else if (opt < CURLOPTTYPE_OFF_T)
		rc = fn(c, opt, va_arg(ap, void *));	/* object or function */
	else if (opt < CURLOPTTYPE_BLOB)
		rc = fn(c, opt, va_arg(ap, curl_off_t));
	else
		rc = fn(c, opt, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

/* Every CURLINFO_* writes through a pointer. */
CURLcode
curl_easy_getinfo(CURL *c, CURLINFO info, ...)
{
	va_list		 ap;
	void		*out;

	LAZYLIB_FN(lazylib_curl, curl_easy_getinfo, CURLE_FAILED_INIT);
	va_start(ap, info);
	out = va_arg(ap, void *);
	va_end(ap);
	return fn(c, info, out);
}

const char *
curl_easy_strerror(CURLcode rc)
{
	LAZYLIB_FN(lazylib_curl, curl_easy_strerror, "libcurl could not be loaded");
	return fn(rc);
}

char *
curl_easy_escape(CURL *c, const char *s, int n)
{
	LAZYLIB_FN(lazylib_curl, curl_easy_escape, NULL);
	return fn(c, s, n);
}

void
curl_free(void *p)
{
	LAZYLIB_FN(lazylib_curl, curl_free, );
	fn(p);
}

struct curl_slist *
curl_slist_append(struct curl_slist *list, const char *s)
{
	LAZYLIB_FN(lazylib_curl, curl_slist_append, NULL);
	return fn(list, s);
}

void
curl_slist_free_all(struct curl_slist *list)
{
	LAZYLIB_FN(lazylib_curl, curl_slist_free_all, );
	fn(list);
}

CURLU *
curl_url(void)
{
	LAZYLIB_FN(lazylib_curl, curl_url, NULL);
	return fn();
}

void
curl_url_cleanup(CURLU *u)
{
	LAZYLIB_FN(lazylib_curl, curl_url_cleanup, );
	fn(u);
}

CURLUcode
curl_url_get(CURLU *u, CURLUPart what, char **part, unsigned int flags)
{
	LAZYLIB_FN(lazylib_curl, curl_url_get, CURLUE_OUT_OF_MEMORY);
	return fn(u, what, part, flags);
}

CURLUcode
curl_url_set(CURLU *u, CURLUPart what, const char *part, unsigned int flags)
{
	LAZYLIB_FN(lazylib_curl, curl_url_set, CURLUE_OUT_OF_MEMORY);
	return fn(u, what, part, flags);
}
