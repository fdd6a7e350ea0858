/* SPDX-License-Identifier: MIT */
/*
 * test_mqtt_io.c - the broker socket's buffers under libmosquitto
 * (mqtt_io.c), on a real socket pair: reads served from one read() and
 * the buffer visible to the loop, writes gathered while corked and kept
 * in order behind what the socket did not take, nothing of one
 * connection left for the next, and the library's wake-up pair silenced.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mqtt_io.h"

#include "t.h"

static int sv[2];

static void
pair(void)
{
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		abort();
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	fcntl(sv[1], F_SETFL, O_NONBLOCK);
}

static void
unpair(void)
{
	mqtt_io_attach(-1);
	close(sv[0]);
	close(sv[1]);
}

static void
test_reads_come_from_one_read(void)
{
	char c, rest[16];

	pair();
	CHECK_INT(write(sv[1], "\x30\x0a" "0123456789", 12), 12);
	mqtt_io_attach(sv[0]);
	CHECK(!mqtt_io_readable());
	/* as the library reads a packet: command, length, the rest */
	CHECK_INT(read(sv[0], &c, 1), 1);
	CHECK_INT((unsigned char)c, 0x30);
	CHECK(mqtt_io_readable());	/* the socket is empty; we are not */
	CHECK_INT(recv(sv[0], rest, sizeof(rest), MSG_DONTWAIT), -1);
	CHECK_INT(read(sv[0], &c, 1), 1);
	CHECK_INT(c, 10);
	CHECK_INT(read(sv[0], rest, sizeof(rest)), 10);	/* short: all held */
	CHECK(memcmp(rest, "0123456789", 10) == 0);
	CHECK(!mqtt_io_readable());
	errno = 0;
	CHECK_INT(read(sv[0], &c, 1), -1);
	CHECK_INT(errno, EAGAIN);
	CHECK_INT(write(sv[1], "x", 1), 1);	/* closed: EOF comes through */
	close(sv[1]);
	CHECK_INT(read(sv[0], &c, 1), 1);
	CHECK_INT(read(sv[0], &c, 1), 0);
	mqtt_io_attach(-1);
	close(sv[0]);
}

static void
test_other_descriptors_untouched(void)
{
	char c;

	pair();
	mqtt_io_attach(sv[0]);
	CHECK_INT(write(sv[0], "ab", 2), 2);	/* attached, uncorked: sent */
	CHECK_INT(write(sv[1], "cd", 2), 2);
	CHECK_INT(read(sv[1], &c, 1), 1);
	CHECK_INT(c, 'a');
	CHECK_INT(recv(sv[1], &c, 1, 0), 1);
	CHECK_INT(c, 'b');
	CHECK(!mqtt_io_readable());	/* sv[1]'s read was not buffered */
	unpair();
}

static void
test_writes_gather_while_corked(void)
{
	char got[64];

	pair();
	mqtt_io_attach(sv[0]);
	mqtt_io_cork(1);
	CHECK_INT(write(sv[0], "\x40\x02\x00\x01", 4), 4);	/* PUBACKs */
	CHECK_INT(write(sv[0], "\x40\x02\x00\x02", 4), 4);
	CHECK(mqtt_io_pending());
	CHECK_INT(recv(sv[1], got, sizeof(got), MSG_DONTWAIT), -1);
	mqtt_io_cork(0);
	CHECK(!mqtt_io_pending());
	CHECK_INT(recv(sv[1], got, sizeof(got), MSG_DONTWAIT), 8);
	CHECK(memcmp(got, "\x40\x02\x00\x01\x40\x02\x00\x02", 8) == 0);
	unpair();
}

/* What the socket cannot take now waits, and later writes queue behind. */
static void
test_order_kept_under_backpressure(void)
{
	size_t big = 1 << 20, total = 0, n = big + 4;
	unsigned char *out = malloc(big), *in = malloc(n);
	int small = 4096;

	pair();
	setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
	for (size_t i = 0; i < big; i++)
		out[i] = (unsigned char)(i * 7 + i / 251);
	mqtt_io_attach(sv[0]);
	mqtt_io_cork(1);
	CHECK_INT(write(sv[0], out, big), (long long)big);
	mqtt_io_cork(0);
	CHECK(mqtt_io_pending());	/* the socket took part of it */
	CHECK_INT(write(sv[0], "TAIL", 4), 4);	/* uncorked, yet behind */
	while (total < n) {
		ssize_t r = recv(sv[1], in + total, n - total, MSG_DONTWAIT);

		if (r > 0)
			total += (size_t)r;
		else
			mqtt_io_flush();
	}
	CHECK(!mqtt_io_pending());
	CHECK(memcmp(in, out, big) == 0);
	CHECK(memcmp(in + big, "TAIL", 4) == 0);
	unpair();
	free(out);
	free(in);
}

/* A new connection may get the old descriptor number: nothing carries over. */
static void
test_detach_drops_both_buffers(void)
{
	char c;
	int small = 4096;
	unsigned char *out = calloc(1, 1 << 20);

	pair();
	setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
	CHECK_INT(write(sv[1], "stale", 5), 5);
	mqtt_io_attach(sv[0]);
	CHECK_INT(read(sv[0], &c, 1), 1);
	CHECK(mqtt_io_readable());
	mqtt_io_cork(1);
	CHECK_INT(write(sv[0], out, 1 << 20), 1 << 20);
	mqtt_io_cork(0);
	CHECK(mqtt_io_pending());
	mqtt_io_attach(-1);
	CHECK(!mqtt_io_readable());
	CHECK(!mqtt_io_pending());
	mqtt_io_attach(sv[0]);
	CHECK(!mqtt_io_readable());
	CHECK(!mqtt_io_pending());
	errno = 0;
	CHECK_INT(read(sv[0], &c, 1), -1);	/* "tale" went with the buffer */
	CHECK_INT(errno, EAGAIN);
	unpair();
	free(out);
}

static void
test_wakeup_pair_silenced(void)
{
	int w[2], o[2];
	char c;

	mqtt_io_capture(1);
	CHECK_INT(socketpair(AF_UNIX, SOCK_STREAM, 0, w), 0);
	mqtt_io_capture(0);
	CHECK_INT(socketpair(AF_UNIX, SOCK_STREAM, 0, o), 0);
	CHECK_INT(write(w[1], "", 1), 1);	/* as packet__queue does */
	CHECK_INT(recv(w[0], &c, 1, MSG_DONTWAIT), -1);	/* nothing sent */
	CHECK_INT(write(o[1], "", 1), 1);	/* only the captured pair */
	CHECK_INT(recv(o[0], &c, 1, MSG_DONTWAIT), 1);
	mqtt_io_release();		/* with mosquitto_destroy: forgotten */
	CHECK_INT(write(w[1], "", 1), 1);
	CHECK_INT(recv(w[0], &c, 1, MSG_DONTWAIT), 1);
	close(w[0]);
	close(w[1]);
	close(o[0]);
	close(o[1]);
}

int
main(void)
{
	RUN(test_reads_come_from_one_read);
	RUN(test_other_descriptors_untouched);
	RUN(test_writes_gather_while_corked);
	RUN(test_order_kept_under_backpressure);
	RUN(test_detach_drops_both_buffers);
	RUN(test_wakeup_pair_silenced);
	mqtt_io_release();
	return T_DONE();
}
