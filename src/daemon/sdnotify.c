/* SPDX-License-Identifier: MIT */
/*
 * sdnotify.c - the service manager's notification protocol (sd_notify(3))
 * for a Type=notify unit (deploy/outaged.service), written here rather
 * than taken from libsystemd.  The protocol is one datagram of
 * newline-separated KEY=VALUE lines to the AF_UNIX socket named by
 * $NOTIFY_SOCKET (a path, or "@name" in the abstract namespace); systemd
 * documents it as stable and suggests exactly this to daemons that want
 * nothing else from libsystemd (sd_notify(3), NOTES).  Linking libsystemd
 * for it cost every outaged about 0.9 MB of resident pages (the library
 * with its compressors and libgcrypt) and put liblzma and friends into
 * the daemon's address space.
 *
 * The watchdog interval comes from $WATCHDOG_USEC (and $WATCHDOG_PID,
 * when set, must be ours), as sd_watchdog_enabled(3) reads them; the loop
 * pings at half of it.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sdnotify.h"
#include "util.h"

static int ready_sent;
static int wd_state;		/* 0 unknown, 1 enabled, -1 disabled */
static int64_t wd_half_ms, wd_next;

/*
 * Send msg to $NOTIFY_SOCKET.  Without it (not run by systemd) nothing
 * happens; a failure is not fatal, as with sd_notify(): the service
 * manager's view is not the daemon's work.
 */
static void
notify_send(const char *msg)
{
	struct sockaddr_un sa;
	const char *path = getenv("NOTIFY_SOCKET");
	size_t plen;
	socklen_t salen;
	int fd;

	if (path == NULL || (path[0] != '/' && path[0] != '@'))
		return;			/* unset, or an address kind we lack */
	plen = strlen(path);
	if (plen < 2 || plen >= sizeof(sa.sun_path))
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, path, plen);
	if (sa.sun_path[0] == '@')
		sa.sun_path[0] = '\0';	/* the abstract namespace */
	/* an abstract name is exactly its bytes; a path ends at its NUL */
	salen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + plen +
	    (path[0] == '/'));
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return;
	while (sendto(fd, msg, strlen(msg), MSG_NOSIGNAL,
	    (struct sockaddr *)&sa, salen) < 0 && errno == EINTR)
		;
	close(fd);
}

static void
vnotify(const char *head, const char *fmt, va_list ap)
{
	char msg[512];
	int n;

	n = snprintf(msg, sizeof(msg), "%sSTATUS=", head);
	if (n < 0 || (size_t)n >= sizeof(msg))
		return;
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	notify_send(msg);
}

void
sdnotify_ready(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnotify(ready_sent ? "" : "READY=1\n", fmt, ap);
	va_end(ap);
	ready_sent = 1;
}

void
sdnotify_status(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnotify("", fmt, ap);
	va_end(ap);
}

void
sdnotify_stopping(void)
{
	notify_send("STOPPING=1\nSTATUS=stopping");
}

/*
 * The watchdog's interval in µs, or 0 when there is none for us: as
 * sd_watchdog_enabled(3), $WATCHDOG_USEC a positive number and
 * $WATCHDOG_PID, when set, our pid.
 */
static uint64_t
watchdog_usec(void)
{
	const char *s = getenv("WATCHDOG_USEC"), *p = getenv("WATCHDOG_PID");
	unsigned long long usec, pid;
	char *end;

	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	usec = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || usec == 0 || s[0] == '-')
		return 0;
	if (p != NULL && *p != '\0') {
		errno = 0;
		pid = strtoull(p, &end, 10);
		if (errno != 0 || *end != '\0' ||
		    pid != (unsigned long long)getpid())
			return 0;
	}
	return (uint64_t)usec;
}

int64_t
sdnotify_watchdog(void)
{
	int64_t now;

	if (wd_state == 0) {
		uint64_t usec = watchdog_usec();

		wd_state = usec > 0 ? 1 : -1;
		wd_half_ms = (int64_t)(usec / 2000);
		if (wd_half_ms < 1)
			wd_half_ms = 1;
	}
	if (wd_state < 0)
		return -1;
	now = now_mono_ms();
	if (now >= wd_next) {
		notify_send("WATCHDOG=1");
		wd_next = now + wd_half_ms;
	}
	return wd_next - now;
}
