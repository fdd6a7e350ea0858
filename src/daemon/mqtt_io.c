/* SPDX-License-Identifier: MIT */
/*
 * mqtt_io.c - the broker socket's bytes, read and written in bulk
 * (mqtt_io.h).
 *
 * libmosquitto 2.0 reads each packet with three or four read() calls (the
 * command byte, each byte of the remaining length, then the rest:
 * lib/packet_mosq.c, packet__read) and writes each queued packet with a
 * write() of its own (packet__write); the library has no hook for either.
 * An ingest of 100,000 QoS 1 reports made 400,000 reads and 100,000
 * writes of acks.  So this file defines read() and write(): the
 * executable's definitions come first in the dynamic lookup, and every
 * library's calls reach them.  For any descriptor but the attached broker
 * socket they call the C library's own at once.  For the broker socket,
 * a read is served from a buffer that one read() of up to MQTT_IO_RBUF
 * bytes fills, and a write is appended to a buffer that mqtt_io_flush()
 * sends with one write(): all the acks and publishes of a pass in one
 * segment.  Bytes keep their order: while anything waits in the write
 * buffer, every write to the socket is appended behind it.
 *
 * Each packet the library queues also writes a byte to a socket pair of
 * its own (sockpairW, lib/packet_mosq.c, packet__queue), to wake a thread
 * blocked in select() in mosquitto_loop().  We never run that loop and
 * nothing reads the pair: the bytes filled its buffer, then every one of
 * those writes (one a report) failed with EAGAIN.  The pair is created in
 * mosquitto_new(); while mqtt_io_capture() is on, socketpair() notes its
 * write end, and writes to it return at once.
 *
 * The loop must know what the read buffer holds (mqtt_io_readable): poll
 * does not see it.  Whoever closes or replaces the socket detaches it
 * first (mqtt_io_attach(-1)), so that no byte of one connection reaches
 * the next one that gets the same descriptor number.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "mqtt_io.h"
#include "util.h"

/* <unistd.h> would declare them as the fortified inline wrappers */
ssize_t	read(int, void *, size_t);
ssize_t	write(int, const void *, size_t);
int	socketpair(int, int, int, int [2]);

#define MQTT_IO_RBUF	32768

typedef ssize_t (*read_fn)(int, void *, size_t);
typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef int (*socketpair_fn)(int, int, int, int [2]);

static read_fn real_read;
static write_fn real_write;
static socketpair_fn real_socketpair;
static int capture;		/* mqtt_io_capture(1): note the next pair */
static int wake_fd = -1;	/* the library's wake-up pair, write end */

static struct {
	int		 fd;		/* the broker socket; -1: none */
	unsigned char	*rbuf;		/* MQTT_IO_RBUF, once attached */
	size_t		 rpos, rlen;	/* unread: rbuf[rpos..rlen) */
	unsigned char	*wbuf;		/* unsent: wbuf[wpos..wlen) */
	size_t		 wpos, wlen, wcap;
	int		 corked;	/* mqtt_io_cork: hold writes */
	int		 werr;		/* errno of a failed send; 0: none */
} io = { .fd = -1 };

/*
 * Resolved before main (and so before any child is forked, whose sandbox
 * may not allow what dlsym needs), or at the first call if a library's
 * constructor reads or writes before ours runs.
 */
__attribute__((constructor)) static void
resolve(void)
{
	if (real_read != NULL)
		return;
	real_read = (read_fn)dlsym(RTLD_NEXT, "read");
	real_write = (write_fn)dlsym(RTLD_NEXT, "write");
	real_socketpair = (socketpair_fn)dlsym(RTLD_NEXT, "socketpair");
	if (real_read == NULL || real_write == NULL || real_socketpair == NULL)
		abort();
}

ssize_t
read(int fd, void *p, size_t n)
{
	size_t k;

	if (real_read == NULL)
		resolve();
	if (fd < 0 || fd != io.fd || n == 0)
		return real_read(fd, p, n);
	if (io.rpos == io.rlen) {
		ssize_t got;

		if (n >= MQTT_IO_RBUF)	/* a large payload: straight in */
			return real_read(fd, p, n);
		got = real_read(fd, io.rbuf, MQTT_IO_RBUF);
		if (got <= 0)
			return got;
		io.rpos = 0;
		io.rlen = (size_t)got;
	}
	k = io.rlen - io.rpos < n ? io.rlen - io.rpos : n;
	memcpy(p, io.rbuf + io.rpos, k);
	io.rpos += k;
	return (ssize_t)k;
}

int
socketpair(int domain, int type, int protocol, int sv[2])
{
	int rc;

	if (real_read == NULL)
		resolve();
	rc = real_socketpair(domain, type, protocol, sv);

	if (rc == 0 && capture) {
		wake_fd = sv[1];
		capture = 0;
	}
	return rc;
}

ssize_t
write(int fd, const void *p, size_t n)
{
	if (real_read == NULL)
		resolve();
	if (fd >= 0 && fd == wake_fd)
		return (ssize_t)n;	/* nobody reads it */
	if (fd < 0 || fd != io.fd)
		return real_write(fd, p, n);
	if (io.werr != 0) {
		errno = io.werr;
		return -1;
	}
	if (io.wlen + n > io.wcap) {
		size_t cap = io.wcap ? io.wcap : 4096;

		if (io.wpos > 0) {	/* the sent part makes room first */
			memmove(io.wbuf, io.wbuf + io.wpos, io.wlen - io.wpos);
			io.wlen -= io.wpos;
			io.wpos = 0;
		}
		while (cap < io.wlen + n)
			cap *= 2;
		if (cap != io.wcap) {
			io.wbuf = xreallocarray(io.wbuf, cap, 1);
			io.wcap = cap;
		}
	}
	memcpy(io.wbuf + io.wlen, p, n);
	io.wlen += n;
	if (!io.corked)
		mqtt_io_flush();
	return (ssize_t)n;
}

void
mqtt_io_attach(int fd)
{
	if (fd == io.fd)
		return;
	io.fd = fd;
	io.rpos = io.rlen = 0;
	io.wpos = io.wlen = 0;
	io.werr = 0;
	io.corked = 0;
	if (fd >= 0 && io.rbuf == NULL)
		io.rbuf = xmalloc(MQTT_IO_RBUF);
}

void
mqtt_io_capture(int on)
{
	capture = on;
}

void
mqtt_io_release(void)
{
	mqtt_io_attach(-1);
	wake_fd = -1;		/* closed with the handle */
	free(io.rbuf);
	free(io.wbuf);
	io.rbuf = io.wbuf = NULL;
	io.wcap = 0;
}

int
mqtt_io_readable(void)
{
	return io.fd >= 0 && io.rpos < io.rlen;
}

int
mqtt_io_pending(void)
{
	return io.fd >= 0 && io.wpos < io.wlen && io.werr == 0;
}

void
mqtt_io_cork(int on)
{
	io.corked = on;
	if (!on)
		mqtt_io_flush();
}

void
mqtt_io_flush(void)
{
	while (io.fd >= 0 && io.werr == 0 && io.wpos < io.wlen) {
		ssize_t n = real_write(io.fd, io.wbuf + io.wpos,
		    io.wlen - io.wpos);

		if (n > 0) {
			io.wpos += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;		/* POLLOUT brings the next try */
		/* the next read sees the connection gone; writes fail now */
		io.werr = n < 0 ? errno : EPIPE;
		return;
	}
	if (io.wpos == io.wlen)
		io.wpos = io.wlen = 0;
}
