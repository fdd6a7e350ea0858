/* SPDX-License-Identifier: MIT */
/*
 * lazy_lib.c - opening a library at its first call (lazy_lib.h).
 */
#include <dlfcn.h>

#include "lazy_lib.h"
#include "log.h"

/* never closed: the pointers taken stay valid for the process, and
   libcurl keeps state (and OpenSSL's) for it */
void *
lazy_open(const char *soname)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (h == NULL)
		fatalx("cannot load %s: %s", soname, dlerror());
	return h;
}

void *
lazy_sym(void *handle, const char *soname, const char *name)
{
	void *p = dlsym(handle, name);

	if (p == NULL)
		fatalx("%s: no %s", soname, name);
	return p;
}
