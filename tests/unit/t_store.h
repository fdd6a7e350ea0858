/* SPDX-License-Identifier: MIT */
/*
 * t_store.h - a database file in a temporary directory for the store's
 * tests: t_tmp_begin() makes the directory, fresh() opens a new "t.db" in
 * it (emptied first), reopen() closes and opens it again, t_tmp_end()
 * removes everything.  Include after t.h and store.h.
 */
#ifndef T_STORE_H
#define T_STORE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[64];

static void
path_in_tmp(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", tmpdir, name);
}

/* Remove every file in the temporary directory (not the directory). */
static void
clean_tmp(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	char p[512];

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", tmpdir, e->d_name);
		unlink(p);
	}
	closedir(d);
}

/* A fresh database "t.db" in an empty temporary directory. */
static struct store *
fresh(void)
{
	struct store *s = NULL;
	char path[512], err[512];

	clean_tmp();
	path_in_tmp(path, sizeof(path), "t.db");
	err[0] = '\0';
	if (store_open(&s, path, err, sizeof(err)) != OD_OK) {
		fprintf(stderr, "store_open: %s\n", err);
		return NULL;
	}
	return s;
}

/* Close s and open its file again (what survives a restart). */
static struct store *
reopen(struct store *s)
{
	char path[512], err[512];

	store_close(s);
	s = NULL;
	path_in_tmp(path, sizeof(path), "t.db");
	err[0] = '\0';
	if (store_open(&s, path, err, sizeof(err)) != OD_OK) {
		fprintf(stderr, "store_open (again): %s\n", err);
		return NULL;
	}
	return s;
}

/* The temporary directory /tmp/<name>.XXXXXX; -1 (and a FAIL line) if not. */
static int
t_tmp_begin(const char *name)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/%s.XXXXXX", name);
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		printf("FAIL mkdtemp\n# 0 passed, 1 failed\n");
		return -1;
	}
	return 0;
}

static void
t_tmp_end(void)
{
	clean_tmp();
	if (rmdir(tmpdir) != 0)
		perror(tmpdir);
}

#endif /* T_STORE_H */
