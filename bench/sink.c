/* SPDX-License-Identifier: MIT */
/*
 * sink.c - a minimal HTTP/1.1 webhook receiver and its load generator, for
 * bench/deliver.sh.  One process, one thread, poll().
 *
 *   sink serve PORTFILE
 *	Listens on 127.0.0.1, on a free port that it writes to PORTFILE
 *	(renamed into place).  Answers every request 200 "ok" with
 *	keep-alive (HTTP/1.1, unless the client says Connection: close),
 *	sends "100 Continue" when asked, and counts POSTs.  GET /count
 *	answers "POSTS FIRST_MS LAST_MS CONNS" (wall ms of the first and
 *	last POST, 0 when none; connections accepted), and does not count.
 *
 *   sink hammer [-x] PORT N CONC BODYFILE
 *	N POSTs of BODYFILE's bytes to /hook over CONC connections, each
 *	waiting for its answer before the next request (as a webhook sender
 *	does); -x opens a new connection for every request (Connection:
 *	close), as a sender that never reuses connections does.  Prints
 *	"N SECONDS RATE".
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#define MAXCONN		1024
#define BUFSZ		(256 * 1024)

struct conn {
	int		 fd;
	char		*in;
	size_t		 nin;
	char		 out[4096];
	size_t		 nout, off;
	int		 close_after;
	int		 continued;	/* 100 Continue sent for this request */
	/* hammer */
	int		 busy;
	double		 t0;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long long
wall_ms(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static void
nonblock(int fd)
{
	int one = 1;

	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

/* A header's value in [h, end), or NULL. */
static const char *
header(const char *h, const char *end, const char *name, size_t *len)
{
	size_t n = strlen(name);
	const char *p = h;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		if (eol == NULL)
			eol = end;
		if ((size_t)(eol - p) > n && strncasecmp(p, name, n) == 0 &&
		    p[n] == ':') {
			const char *v = p + n + 1;

			while (v < eol && (*v == ' ' || *v == '\t'))
				v++;
			*len = (size_t)(eol - v);
			while (*len > 0 && (v[*len - 1] == '\r' ||
			    v[*len - 1] == ' '))
				(*len)--;
			return v;
		}
		p = eol + 1;
	}
	return NULL;
}

/* ---- serve ---- */

static long long posts, first_ms, last_ms, accepted;

static void
queue(struct conn *c, const char *s, size_t n)
{
	if (c->nout + n <= sizeof(c->out)) {
		memcpy(c->out + c->nout, s, n);
		c->nout += n;
	}
}

/* Answer every whole request in the buffer; 0 when more is needed. */
static void
requests(struct conn *c)
{
	for (;;) {
		char *hend = c->nin >= 4 ? memmem(c->in, c->nin, "\r\n\r\n", 4) :
		    NULL;
		const char *v;
		size_t len, hlen, clen = 0;
		char resp[256];
		int n, is_post, is_count;

		if (hend == NULL) {
			/* Expect: 100-continue arrives with the headers */
			return;
		}
		hlen = (size_t)(hend - c->in) + 4;
		if ((v = header(c->in, hend, "Content-Length", &len)) != NULL)
			clen = (size_t)strtoul(v, NULL, 10);
		if (c->nin < hlen + clen) {
			if (!c->continued && (v = header(c->in, hend, "Expect",
			    &len)) != NULL && len >= 12 &&
			    strncasecmp(v, "100-continue", 12) == 0) {
				queue(c, "HTTP/1.1 100 Continue\r\n\r\n", 25);
				c->continued = 1;
			}
			return;
		}
		is_post = strncmp(c->in, "POST ", 5) == 0;
		is_count = strncmp(c->in, "GET /count", 10) == 0;
		if ((v = header(c->in, hend, "Connection", &len)) != NULL &&
		    len >= 5 && strncasecmp(v, "close", 5) == 0)
			c->close_after = 1;
		if (is_post) {
			last_ms = wall_ms();
			if (posts++ == 0)
				first_ms = last_ms;
		}
		if (is_count) {
			char body[96];
			int bl = snprintf(body, sizeof(body), "%lld %lld %lld "
			    "%lld\n", posts, first_ms, last_ms, accepted);

			n = snprintf(resp, sizeof(resp), "HTTP/1.1 200 OK\r\n"
			    "Content-Type: text/plain\r\nContent-Length: %d\r\n"
			    "\r\n%s", bl, body);
		} else
			n = snprintf(resp, sizeof(resp), "HTTP/1.1 200 OK\r\n"
			    "Content-Type: text/plain\r\nContent-Length: 3\r\n"
			    "%s\r\nok\n", c->close_after ?
			    "Connection: close\r\n" : "");
		queue(c, resp, (size_t)n);
		memmove(c->in, c->in + hlen + clen, c->nin - hlen - clen);
		c->nin -= hlen + clen;
		c->continued = 0;
		if (c->close_after)
			return;
	}
}

static int
serve(const char *portfile)
{
	static struct conn conns[MAXCONN];
	static struct pollfd pfd[MAXCONN + 1];
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);
	char tmp[4096];
	FILE *f;
	int lfd, one = 1;

	signal(SIGPIPE, SIG_IGN);
	if ((lfd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return perror("socket"), 1;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(lfd, 1024) < 0 ||
	    getsockname(lfd, (struct sockaddr *)&sa, &sl) < 0)
		return perror("bind"), 1;
	nonblock(lfd);
	snprintf(tmp, sizeof(tmp), "%s.tmp", portfile);
	if ((f = fopen(tmp, "w")) == NULL)
		return perror(tmp), 1;
	fprintf(f, "%d\n", ntohs(sa.sin_port));
	fclose(f);
	if (rename(tmp, portfile) < 0)
		return perror(portfile), 1;
	for (int i = 0; i < MAXCONN; i++)
		conns[i].fd = -1;
	for (;;) {
		nfds_t n = 0;
		int map[MAXCONN];

		pfd[n].fd = lfd;
		pfd[n++].events = POLLIN;
		for (int i = 0; i < MAXCONN; i++)
			if (conns[i].fd >= 0) {
				pfd[n].fd = conns[i].fd;
				pfd[n].events = conns[i].nout > conns[i].off ?
				    POLLOUT : POLLIN;
				map[n - 1] = i;
				n++;
			}
		if (poll(pfd, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			return perror("poll"), 1;
		}
		if (pfd[0].revents & POLLIN) {
			int fd;

			while ((fd = accept(lfd, NULL, NULL)) >= 0) {
				int i;

				for (i = 0; i < MAXCONN && conns[i].fd >= 0; i++)
					;
				if (i == MAXCONN) {
					close(fd);
					continue;
				}
				nonblock(fd);
				accepted++;
				memset(&conns[i].nin, 0, sizeof(conns[i]) -
				    offsetof(struct conn, nin));
				conns[i].fd = fd;
				if (conns[i].in == NULL)
					conns[i].in = malloc(BUFSZ);
			}
		}
		for (nfds_t k = 1; k < n; k++) {
			struct conn *c = &conns[map[k - 1]];
			ssize_t r;

			if (pfd[k].revents == 0)
				continue;
			if (c->nout > c->off) {
				r = write(c->fd, c->out + c->off, c->nout - c->off);
				if (r < 0 && errno != EAGAIN)
					goto drop;
				if (r > 0)
					c->off += (size_t)r;
				if (c->off == c->nout) {
					c->off = c->nout = 0;
					if (c->close_after)
						goto drop;
					requests(c);	/* pipelined */
				}
				continue;
			}
			r = read(c->fd, c->in + c->nin, BUFSZ - c->nin);
			if (r == 0 || (r < 0 && errno != EAGAIN) ||
			    (r > 0 && (c->nin += (size_t)r) == BUFSZ))
				goto drop;
			requests(c);
			if (c->nout > 0) {	/* try at once; poll if it blocks */
				r = write(c->fd, c->out, c->nout);
				if (r > 0)
					c->off = (size_t)r;
				if (c->off == c->nout) {
					c->off = c->nout = 0;
					if (c->close_after)
						goto drop;
				}
			}
			continue;
drop:
			close(c->fd);
			c->fd = -1;
			c->nin = c->nout = c->off = 0;
		}
	}
}

/* ---- hammer ---- */

static int
connect_to(int port)
{
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons((uint16_t)port);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("connect");
		exit(1);
	}
	nonblock(fd);
	return fd;
}

static int
hammer(int fresh, int port, long total, int conc, const char *bodyfile)
{
	static struct conn conns[MAXCONN];
	static struct pollfd pfd[MAXCONN];
	char *req, *body;
	size_t reqlen, blen;
	long sent = 0, done = 0;
	double t0;
	FILE *f = fopen(bodyfile, "r");

	signal(SIGPIPE, SIG_IGN);
	if (f == NULL)
		return perror(bodyfile), 1;
	body = malloc(BUFSZ);
	blen = fread(body, 1, BUFSZ, f);
	fclose(f);
	req = malloc(blen + 512);
	reqlen = (size_t)snprintf(req, 512, "POST /hook HTTP/1.1\r\nHost: "
	    "127.0.0.1:%d\r\nContent-Type: application/json\r\n"
	    "Content-Length: %zu\r\n%s\r\n", port, blen,
	    fresh ? "Connection: close\r\n" : "");
	memcpy(req + reqlen, body, blen);
	reqlen += blen;
	if (conc > MAXCONN)
		conc = MAXCONN;
	t0 = now();
	for (int i = 0; i < conc; i++) {
		conns[i].fd = -1;
		conns[i].in = malloc(BUFSZ);
	}
	while (done < total) {
		for (int i = 0; i < conc; i++) {
			struct conn *c = &conns[i];

			if (c->busy || sent >= total)
				continue;
			if (c->fd < 0)
				c->fd = connect_to(port);
			/* small enough to go in one write on loopback */
			if (write(c->fd, req, reqlen) != (ssize_t)reqlen) {
				perror("write");
				return 1;
			}
			c->busy = 1;
			c->nin = 0;
			sent++;
		}
		for (int i = 0; i < conc; i++) {
			pfd[i].fd = conns[i].busy ? conns[i].fd : -1;
			pfd[i].events = POLLIN;
		}
		if (poll(pfd, (nfds_t)conc, 5000) <= 0) {
			fprintf(stderr, "sink hammer: no answer in 5 s\n");
			return 1;
		}
		for (int i = 0; i < conc; i++) {
			struct conn *c = &conns[i];
			char *hend;
			ssize_t r;

			if (!(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			r = read(c->fd, c->in + c->nin, BUFSZ - c->nin);
			if (r <= 0) {
				fprintf(stderr, "sink hammer: connection lost\n");
				return 1;
			}
			c->nin += (size_t)r;
			/* the sink's answer: headers, then "ok\n" */
			if ((hend = memmem(c->in, c->nin, "\r\n\r\n", 4)) != NULL &&
			    c->nin >= (size_t)(hend - c->in) + 4 + 3) {
				c->busy = 0;
				done++;
				if (fresh) {
					close(c->fd);
					c->fd = -1;
				}
			}
		}
	}
	t0 = now() - t0;
	printf("%ld %.4f %.0f\n", done, t0, (double)done / t0);
	for (int i = 0; i < conc; i++) {
		if (conns[i].fd >= 0)
			close(conns[i].fd);
		free(conns[i].in);
	}
	free(req);
	free(body);
	return 0;
}

int
main(int argc, char **argv)
{
	int fresh = 0;

	if (argc == 3 && strcmp(argv[1], "serve") == 0)
		return serve(argv[2]);
	if (argc >= 2 && strcmp(argv[1], "hammer") == 0) {
		argv++;
		argc--;
		if (argc >= 2 && strcmp(argv[1], "-x") == 0) {
			fresh = 1;
			argv++;
			argc--;
		}
		if (argc == 5)
			return hammer(fresh, (int)strtol(argv[1], NULL, 10),
			    strtol(argv[2], NULL, 10),
			    (int)strtol(argv[3], NULL, 10), argv[4]);
	}
	fprintf(stderr, "usage: sink serve PORTFILE\n"
	    "       sink hammer [-x] PORT N CONC BODYFILE\n");
	return 2;
}
