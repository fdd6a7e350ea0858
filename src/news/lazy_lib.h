/* SPDX-License-Identifier: MIT */
/*
 * lazy_lib.h - a library outaged loads at its first call instead of
 * linking it (curl_lazy.c, libs_lazy.c): the library opened once and
 * never closed, its functions taken by name.  A missing library or
 * function is fatal: the wrappers have nothing else to call.
 */
#ifndef LAZY_LIB_H
#define LAZY_LIB_H

void	*lazy_open(const char *soname);
void	*lazy_sym(void *handle, const char *soname, const char *name);

/* f = the function called name in handle h of library so */
#define LAZY_TAKE(h, so, f, name) \
	(*(void **)&(f) = lazy_sym((h), (so), (name)))

#endif
