/* SPDX-License-Identifier: MIT */
/*
 * jsonpos.h - the line and column of a path in JSON text (for errors at
 * file:line:col).  Paths are dotted keys with [index] for array elements:
 * "subscriptions[1].regions[0]".
 */
#ifndef JSONPOS_H
#define JSONPOS_H

#include <stddef.h>

/*
 * Line and column of path's value, or of its key when key is set; 1:1
 * when the path is not in the text.
 */
void	 json_locate(const char *text, size_t len, const char *path, int key,
	    int *line, int *col);

#endif /* JSONPOS_H */
