/* SPDX-License-Identifier: MIT */
/*
 * curl_lazy.c - libcurl for outaged, loaded when first called.
 *
 * Linked at start, libcurl and what it needs (Kerberos, LDAP, libssh2,
 * nghttp2, librtmp, GnuTLS through LDAP...) cost the daemon about 1.5 MB
 * of resident pages before main(), though it calls libcurl only for a
 * webhook, an e-mail (deliver.c) or in the feed child (feedsandbox.c).
 * So outaged is not linked with libcurl (the Makefile): these are the
 * functions fetch.c and feed.c call, under libcurl's own names, and the
 * first call dlopen()s the library (OD_CURL_SONAME, from the Makefile:
 * the soname of the libcurl pkg-config names) and takes the real ones.
 * The feed child calls curl_global_init() before its seccomp filter.
 * outagectl links libcurl as before and never sees this file.
 */
#include <stdarg.h>
#include <stdlib.h>

#include <curl/curl.h>

#include "lazy_lib.h"

#ifndef OD_CURL_SONAME
#define OD_CURL_SONAME	"libcurl.so.4"
#endif

/* curl.h's type-checking macros would wrap our definitions */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#undef curl_multi_setopt

static struct {
	int loaded;
	__typeof__(curl_global_init)		*global_init;
	__typeof__(curl_global_cleanup)		*global_cleanup;
	__typeof__(curl_easy_init)		*easy_init;
	__typeof__(curl_easy_cleanup)		*easy_cleanup;
	__typeof__(curl_easy_setopt)		*easy_setopt;
	__typeof__(curl_easy_getinfo)		*easy_getinfo;
	__typeof__(curl_easy_header)		*easy_header;
	__typeof__(curl_easy_strerror)		*easy_strerror;
	__typeof__(curl_getdate)		*getdate;
	__typeof__(curl_multi_init)		*multi_init;
	__typeof__(curl_multi_cleanup)		*multi_cleanup;
	__typeof__(curl_multi_setopt)		*multi_setopt;
	__typeof__(curl_multi_add_handle)	*multi_add_handle;
	__typeof__(curl_multi_remove_handle)	*multi_remove_handle;
	__typeof__(curl_multi_info_read)	*multi_info_read;
	__typeof__(curl_multi_socket_action)	*multi_socket_action;
	__typeof__(curl_slist_append)		*slist_append;
	__typeof__(curl_slist_free_all)		*slist_free_all;
} fn;

static void
load(void)
{
	const char *so = OD_CURL_SONAME;
	void *h;

	if (fn.loaded)
		return;
	h = lazy_open(so);
	LAZY_TAKE(h, so, fn.global_init, "curl_global_init");
	LAZY_TAKE(h, so, fn.global_cleanup, "curl_global_cleanup");
	LAZY_TAKE(h, so, fn.easy_init, "curl_easy_init");
	LAZY_TAKE(h, so, fn.easy_cleanup, "curl_easy_cleanup");
	LAZY_TAKE(h, so, fn.easy_setopt, "curl_easy_setopt");
	LAZY_TAKE(h, so, fn.easy_getinfo, "curl_easy_getinfo");
	LAZY_TAKE(h, so, fn.easy_header, "curl_easy_header");
	LAZY_TAKE(h, so, fn.easy_strerror, "curl_easy_strerror");
	LAZY_TAKE(h, so, fn.getdate, "curl_getdate");
	LAZY_TAKE(h, so, fn.multi_init, "curl_multi_init");
	LAZY_TAKE(h, so, fn.multi_cleanup, "curl_multi_cleanup");
	LAZY_TAKE(h, so, fn.multi_setopt, "curl_multi_setopt");
	LAZY_TAKE(h, so, fn.multi_add_handle, "curl_multi_add_handle");
	LAZY_TAKE(h, so, fn.multi_remove_handle, "curl_multi_remove_handle");
	LAZY_TAKE(h, so, fn.multi_info_read, "curl_multi_info_read");
	LAZY_TAKE(h, so, fn.multi_socket_action, "curl_multi_socket_action");
	LAZY_TAKE(h, so, fn.slist_append, "curl_slist_append");
	LAZY_TAKE(h, so, fn.slist_free_all, "curl_slist_free_all");
	fn.loaded = 1;
}

/*
 * The one variadic argument of a setopt, by the option's type range (as
 * libcurl reads it): long, object pointer, function pointer, curl_off_t
 * or blob.  The pointers travel as void *, which POSIX allows for
 * function pointers too.
 */
#define PASS_OPTION(call, opt, ap) do {					\
	if ((opt) < CURLOPTTYPE_OBJECTPOINT)				\
		return call(va_arg(ap, long));				\
	if ((opt) < CURLOPTTYPE_OFF_T)					\
		return call(va_arg(ap, void *));			\
	if ((opt) < CURLOPTTYPE_BLOB)					\
		return call(va_arg(ap, curl_off_t));			\
	return call(va_arg(ap, void *));				\
} while (0)

CURLcode
curl_global_init(long flags)
{
	load();
	return fn.global_init(flags);
}

void
curl_global_cleanup(void)
{
	if (fn.loaded)		/* else nothing to clean up */
		fn.global_cleanup();
}

CURL *
curl_easy_init(void)
{
	load();
	return fn.easy_init();
}

void
curl_easy_cleanup(CURL *e)
{
	if (fn.loaded)
		fn.easy_cleanup(e);
}

static CURLcode
easy_setopt_v(CURL *e, CURLoption opt, va_list ap)
{
#define CALL(v)	fn.easy_setopt(e, opt, v)
	PASS_OPTION(CALL, opt, ap);
#undef CALL
}

CURLcode
curl_easy_setopt(CURL *e, CURLoption opt, ...)
{
	va_list ap;
	CURLcode rc;

	load();
	va_start(ap, opt);
	rc = easy_setopt_v(e, opt, ap);
	va_end(ap);
	return rc;
}

CURLcode
curl_easy_getinfo(CURL *e, CURLINFO info, ...)
{
	va_list ap;
	void *p;

	load();
	va_start(ap, info);
	p = va_arg(ap, void *);		/* always a pointer to the answer */
	va_end(ap);
	return fn.easy_getinfo(e, info, p);
}

CURLHcode
curl_easy_header(CURL *e, const char *name, size_t index,
    unsigned int origin, int request, struct curl_header **hout)
{
	load();
	return fn.easy_header(e, name, index, origin, request, hout);
}

const char *
curl_easy_strerror(CURLcode c)
{
	load();
	return fn.easy_strerror(c);
}

time_t
curl_getdate(const char *p, const time_t *unused)
{
	load();
	return fn.getdate(p, unused);
}

CURLM *
curl_multi_init(void)
{
	load();
	return fn.multi_init();
}

CURLMcode
curl_multi_cleanup(CURLM *m)
{
	load();
	return fn.multi_cleanup(m);
}

static CURLMcode
multi_setopt_v(CURLM *m, CURLMoption opt, va_list ap)
{
#define CALL(v)	fn.multi_setopt(m, opt, v)
	PASS_OPTION(CALL, opt, ap);
#undef CALL
}

CURLMcode
curl_multi_setopt(CURLM *m, CURLMoption opt, ...)
{
	va_list ap;
	CURLMcode rc;

	load();
	va_start(ap, opt);
	rc = multi_setopt_v(m, opt, ap);
	va_end(ap);
	return rc;
}

CURLMcode
curl_multi_add_handle(CURLM *m, CURL *e)
{
	load();
	return fn.multi_add_handle(m, e);
}

CURLMcode
curl_multi_remove_handle(CURLM *m, CURL *e)
{
	load();
	return fn.multi_remove_handle(m, e);
}

CURLMsg *
curl_multi_info_read(CURLM *m, int *left)
{
	load();
	return fn.multi_info_read(m, left);
}

CURLMcode
curl_multi_socket_action(CURLM *m, curl_socket_t s, int ev, int *running)
{
	load();
	return fn.multi_socket_action(m, s, ev, running);
}

struct curl_slist *
curl_slist_append(struct curl_slist *l, const char *s)
{
	load();
	return fn.slist_append(l, s);
}

void
curl_slist_free_all(struct curl_slist *l)
{
	if (fn.loaded)		/* else l is NULL */
		fn.slist_free_all(l);
}
