/* SPDX-License-Identifier: MIT */
/*
 * fuzz_httpd.c - libFuzzer harness for the HTTP server itself
 * (src/daemon/http.c and http_answer.c over http_parse.c): any bytes as
 * what a client sends on a real loopback connection, in pieces.
 *
 * One server for the process, on 127.0.0.1 and a free port, with a handler
 * that answers by path the ways api.c does: a body of ours, a large body
 * (past the per-pass budget), a shared body with its release, a file, an
 * event stream, a refused head (401 before the body), a 204 and a 304; it
 * reads the query, a header and the client's address as handlers do.
 *
 * Per input: the first byte chooses the size of the pieces the rest is
 * written in (1 to 64 KiB), the second whether the client half-closes
 * after its last piece or keeps the connection open and hangs up.  Between
 * pieces the server runs and the client reads what it has.  An event is
 * broadcast on the way.  Then the client hangs up and the server runs
 * until it has let the connection go.
 *
 * Checks: whatever the bytes, the server ends with no connection and no
 * event stream left (a leak of a connection would show here, and ASan's
 * leak check sees the memory), every shared body it took is released, and
 * what it wrote starts with "HTTP/1.1 " when it wrote anything.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http.h"
#include "http_int.h"
#include "log.h"
#include "util.h"

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct http *server;
static char file_path[] = "/tmp/fuzz_httpd.XXXXXX";
static int shared_taken, shared_released;
static char big[600 * 1024];

static void
release(void *arg)
{
	(void)arg;
	shared_released++;
}

static void
handler(void *arg, const struct http_req *req, struct http_resp *rs)
{
	char addr[64];
	const char *q = http_query(req, "q");
	const char *h = http_header(req, "X-Fuzz");

	(void)arg;
	http_client_addr(req, addr, sizeof(addr));
	if (req->head) {
		if (strcmp(req->path, "/refuse") == 0) {
			rs->status = 401;
			rs->www_auth = "Bearer";
		}
		return;		/* others may send their body */
	}
	if (strcmp(req->path, "/events") == 0) {
		rs->sse = 1;
		return;
	}
	if (strcmp(req->path, "/big") == 0) {
		rs->shared_body = big;
		rs->bodylen = sizeof(big);
		rs->body_free = release;
		shared_taken++;
		return;
	}
	if (strcmp(req->path, "/file") == 0) {
		rs->file = file_path;
		return;
	}
	if (strcmp(req->path, "/empty") == 0) {
		rs->status = 204;
		return;
	}
	if (strcmp(req->path, "/same") == 0) {
		rs->status = 304;
		rs->etag = "\"1\"";
		return;
	}
	rs->body = xstrdup(q != NULL ? q : h != NULL ? h : addr);
	rs->bodylen = strlen(rs->body);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct http_limits lim = {
		.max_body = 4096, .timeout_s = 15,
		.max_conns = 64, .max_conns_per_ip = 64,
	};
	char err[256];
	int fd;

	(void)argc;
	(void)argv;
	/*
	 * As outaged does (loop.c): sendfile() has no MSG_NOSIGNAL, and a
	 * file answer to a client that hung up raised SIGPIPE and killed
	 * the fuzzer (exit 141) after some 3,000 inputs.
	 */
	signal(SIGPIPE, SIG_IGN);
	log_set_level(LOG_LVL_ERROR);
	memset(big, 'b', sizeof(big));
	fd = mkstemp(file_path);
	FUZZ_CHECK(fd >= 0);
	FUZZ_CHECK(write(fd, "a file\n", 7) == 7);
	close(fd);
	FUZZ_CHECK(http_start(&server, "127.0.0.1:0", &lim, handler, NULL,
	    err, sizeof(err)) == OD_OK);
	return 0;
}

/*
 * Connect without blocking: libFuzzer's timer signal interrupts a
 * blocking connect() (EINTR after some 100,000 inputs).
 */
static void
client_connect(int fd, const struct sockaddr_in *to,
    const struct sockaddr_in *from)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	socklen_t sl = sizeof(int);
	int err = 0;

	if (connect(fd, (const struct sockaddr *)to, sizeof(*to)) != 0) {
		FUZZ_CHECK(errno == EINPROGRESS || errno == EINTR);
		while (poll(&p, 1, 1000) < 0 && errno == EINTR)
			;
		FUZZ_CHECK(getsockopt(fd, SOL_SOCKET, SO_ERROR, &err,
		    &sl) == 0);
	}
	if (err != 0) {
		fprintf(stderr, "fuzz_httpd: connect from %s: %s\n",
		    inet_ntoa(from->sin_addr), strerror(err));
		abort();
	}
}

/* Read what the server has written so far; 0 at EOF. */
static ssize_t
drain(int fd, char *first, size_t *nfirst)
{
	char buf[65536];
	ssize_t r, total = 0;

	while ((r = recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0) {
		if (*nfirst < 9) {
			size_t n = (size_t)r < 9 - *nfirst ? (size_t)r :
			    9 - *nfirst;

			memcpy(first + *nfirst, buf, n);
			*nfirst += n;
		}
		total += r;
	}
	if (r == 0)
		return 0;
	return total > 0 || errno == EAGAIN || errno == EINTR ? 1 : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint32_t inputs;
	struct sockaddr_in sin, src;
	size_t piece, off = 2, nfirst = 0;
	char first[9];
	int fd, half_close, open_ = 1;

	if (size < 2)
		return 0;
	piece = 1 + (size_t)data[0] * data[0];	/* 1 .. 65,026 bytes */
	half_close = data[1] & 1;
	memset(&sin, 0, sizeof(sin));
	memset(&src, 0, sizeof(src));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = htons(http_port(server));
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	FUZZ_CHECK(fd >= 0);
	/*
	 * A source address of its own for each input (127/8 is all this
	 * host): closed connections wait in TIME_WAIT for a minute, and
	 * from one address the ports ran out after some 200,000 inputs.
	 */
	src.sin_family = AF_INET;
	src.sin_addr.s_addr = htonl(0x7f000000u | (1u + inputs++ % 0xfffffeu));
	FUZZ_CHECK(bind(fd, (struct sockaddr *)&src, sizeof(src)) == 0);
	client_connect(fd, &sin, &src);
	http_run(server);		/* accepted */
	while (off < size && open_) {
		size_t n = size - off < piece ? size - off : piece;
		ssize_t w = send(fd, data + off, n, MSG_NOSIGNAL |
		    MSG_DONTWAIT);

		if (w > 0)
			off += (size_t)w;
		else if (w < 0 && errno != EAGAIN)
			break;		/* the server closed: it may */
		http_run(server);
		if (off > size / 2 && off - (size_t)(w > 0 ? w : 0) <= size / 2)
			http_broadcast(server, "status", "{\"x\":1}", NULL);
		open_ = drain(fd, first, &nfirst) != 0;
		http_run(server);
	}
	if (half_close)
		(void)shutdown(fd, SHUT_WR);
	for (int i = 0; i < 200 && open_; i++) {
		http_run(server);
		open_ = drain(fd, first, &nfirst) != 0;
		if (i > 20 && !half_close)
			break;		/* a kept-alive connection: hang up */
	}
	close(fd);
	/* the server sees the hang-up and lets the connection go */
	for (int i = 0; i < 100 && server->nconns > 0; i++) {
		http_run(server);
		if (i > 50)
			usleep(100);
	}
	FUZZ_CHECK(server->nconns == 0);
	FUZZ_CHECK(http_sse_clients(server) == 0);
	FUZZ_CHECK(shared_released == shared_taken);
	FUZZ_CHECK(nfirst == 0 || memcmp(first, "HTTP/1.1 ", nfirst) == 0);
	return 0;
}
