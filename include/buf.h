/* SPDX-License-Identifier: MIT */
/*
 * buf.h - the one growable buffer and the one array growth rule.
 *
 * struct buf accumulates bytes (text, usually) up to a ceiling chosen by
 * its owner: past it, an append is refused whole and the buffer remembers
 * it overflowed, so that a parser of untrusted input can say "too large"
 * instead of growing without bound.  The data is always NUL-terminated.
 *
 * array_reserve() is the growth rule of every dynamic array in the tree:
 * capacity doubles, from a first size, and never overflows size_t.
 */
#ifndef BUF_H
#define BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;		/* NUL-terminated; NULL until the first append */
	size_t	 len;		/* bytes held, not counting the NUL */
	size_t	 cap;		/* bytes allocated */
	size_t	 max;		/* most bytes it may hold */
	int	 overflow;	/* an append was refused for max */
};

#define BUF_UNBOUNDED	((size_t)-1 / 4)

/* An empty buffer that holds at most max bytes (BUF_UNBOUNDED: no ceiling). */
void	 buf_init(struct buf *, size_t max);
/* Append n bytes; 0, or -1 (nothing appended, overflow set) past max. */
int	 buf_add(struct buf *, const void *, size_t n);
int	 buf_addc(struct buf *, char);
int	 buf_adds(struct buf *, const char *);
int	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* The text so far ("" when empty; valid until the next append). */
const char *buf_str(const struct buf *);
/* Empty it, keeping the allocation (and the ceiling; overflow cleared). */
void	 buf_reset(struct buf *);
/* Hand the data to the caller (who frees it; never NULL); the buffer empties. */
char	*buf_steal(struct buf *);
void	 buf_free(struct buf *);

/*
 * Return v (an array of *cap elements of elsize bytes) with room for at
 * least need elements: reallocated to max(first, 2 * *cap, need) when
 * *cap < need, *cap updated.  Allocation failure is fatal, as for xmalloc.
 */
void	*array_reserve(void *v, size_t *cap, size_t need, size_t elsize,
	    size_t first);

/* Room for one more element at the end of (ptr, n, cap). */
#define ARRAY_GROW(ptr, n, cap, first)					\
	((ptr) = array_reserve((ptr), &(cap), (n) + 1, sizeof(*(ptr)), (first)))

#endif /* BUF_H */
