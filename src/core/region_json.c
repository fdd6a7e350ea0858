/* SPDX-License-Identifier: MIT */
/*
 * region_json.c - iso-codes' big files one entry at a time.
 *
 * iso_3166-2.json is half a megabyte; as one jansson tree it took about
 * 3.5 MB of heap at start-up, freed a moment later but left behind as
 * resident holes under what the gazetteer allocated next (the daemon's
 * peak RSS).  Here the file is mapped read-only and each element of the
 * array is decoded alone (JSON_DISABLE_EOF_CHECK), handed over and freed:
 * the heap holds one small object at a time.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "region_int.h"

struct cursor {
	const char	*p;
	size_t		 len, pos;
};

static char
next_char(struct cursor *c)
{
	while (c->pos < c->len && (c->p[c->pos] == ' ' ||
	    c->p[c->pos] == '\t' || c->p[c->pos] == '\r' ||
	    c->p[c->pos] == '\n'))
		c->pos++;
	return c->pos < c->len ? c->p[c->pos] : '\0';
}

static enum od_err
bad(const struct cursor *c, const char *path, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: byte %zu: not the JSON expected", path,
	    c->pos);
	return OD_EPARSE;
}

/* One JSON value at the cursor, which moves past it; NULL on an error. */
static json_t *
take_value(struct cursor *c, size_t flags, const char *path, char *err,
    size_t errlen)
{
	json_error_t jerr;
	json_t *v;

	v = json_loadb(c->p + c->pos, c->len - c->pos, flags |
	    JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, &jerr);
	if (v == NULL) {
		snprintf(err, errlen, "%s: byte %zu: %s", path,
		    c->pos + (size_t)(jerr.position > 0 ? jerr.position : 0),
		    jerr.text);
		return NULL;
	}
	c->pos += (size_t)jerr.position;
	return v;
}

/* The array's elements, one at a time; the cursor is past its '['. */
static enum od_err
each(struct cursor *c, const char *path, region_json_fn *fn, void *arg,
    char *err, size_t errlen)
{
	json_t *v;

	if (next_char(c) == ']') {
		c->pos++;
		return OD_OK;
	}
	for (;;) {
		if ((v = take_value(c, JSON_REJECT_DUPLICATES, path, err,
		    errlen)) == NULL)
			return OD_EPARSE;
		fn(v, arg);
		json_decref(v);
		if (next_char(c) == ']') {
			c->pos++;
			return OD_OK;
		}
		if (c->pos >= c->len || c->p[c->pos] != ',')
			return OD_EINVAL;
		c->pos++;
	}
}

/* The top object, as strictly as json_load_file(): one value, no member
   twice, nothing after it. */
static enum od_err
walk(struct cursor *c, const char *path, const char *key,
    region_json_fn *fn, void *arg, char *err, size_t errlen)
{
	json_t *k, *v;
	int match, found = 0;
	enum od_err rc;

	if (next_char(c) != '{')
		goto malformed;
	c->pos++;
	if (next_char(c) == '}')
		goto end;
	for (;;) {
		if (next_char(c) != '"')
			goto malformed;
		if ((k = take_value(c, 0, path, err, errlen)) == NULL)
			return OD_EPARSE;
		match = strcmp(json_string_value(k), key) == 0;
		json_decref(k);
		if (next_char(c) != ':')
			goto malformed;
		c->pos++;
		if (match && found) {
			snprintf(err, errlen, "%s: \"%s\" twice", path, key);
			return OD_EPARSE;
		}
		if (match && next_char(c) == '[') {
			c->pos++;
			found = 1;
			if ((rc = each(c, path, fn, arg, err, errlen)) ==
			    OD_EPARSE)
				return rc;
			if (rc != OD_OK)
				goto malformed;
		} else {
			if ((v = take_value(c, 0, path, err, errlen)) == NULL)
				return OD_EPARSE;
			json_decref(v);
		}
		if (next_char(c) == '}')
			break;
		if (c->pos >= c->len || c->p[c->pos] != ',')
			goto malformed;
		c->pos++;
	}
end:
	c->pos++;
	if (next_char(c) != '\0' || c->pos < c->len)
		goto malformed;
	if (!found) {
		snprintf(err, errlen, "%s: no \"%s\" array", path, key);
		return OD_EPARSE;
	}
	return OD_OK;
malformed:
	return bad(c, path, err, errlen);
}

enum od_err
region_json_each(const char *path, const char *key, region_json_fn *fn,
    void *arg, char *err, size_t errlen)
{
	struct cursor c = { NULL, 0, 0 };
	struct stat st;
	enum od_err rc;
	void *map;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return OD_EPARSE;
	}
	if (fstat(fd, &st) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return OD_EPARSE;
	}
	if (st.st_size <= 0) {
		snprintf(err, errlen, "%s: empty file", path);
		close(fd);
		return OD_EPARSE;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return OD_EPARSE;
	}
	c.p = map;
	c.len = (size_t)st.st_size;
	rc = walk(&c, path, key, fn, arg, err, errlen);
	munmap(map, (size_t)st.st_size);
	return rc;
}
