/* SPDX-License-Identifier: MIT */
/*
 * sdnotify.c - sd_notify(3) for a Type=notify unit (deploy/outaged.service).
 * The watchdog interval comes from sd_watchdog_enabled(3) (WATCHDOG_USEC,
 * and WATCHDOG_PID when set); the loop pings at half of it.
 */
#include <stdarg.h>
#include <stdio.h>

#include <systemd/sd-daemon.h>

#include "sdnotify.h"
#include "util.h"

static int ready_sent;
static int wd_state;		/* 0 unknown, 1 enabled, -1 disabled */
static int64_t wd_half_ms, wd_next;

static void
vnotify(const char *head, const char *fmt, va_list ap)
{
	char msg[512];
	int n;

	n = snprintf(msg, sizeof(msg), "%sSTATUS=", head);
	if (n < 0 || (size_t)n >= sizeof(msg))
		return;
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	sd_notify(0, msg);
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
	sd_notify(0, "STOPPING=1\nSTATUS=stopping");
}

int64_t
sdnotify_watchdog(void)
{
	uint64_t usec = 0;
	int64_t now;

	if (wd_state == 0) {
		wd_state = sd_watchdog_enabled(0, &usec) > 0 && usec > 0 ?
		    1 : -1;
		wd_half_ms = (int64_t)(usec / 2000);
		if (wd_half_ms < 1)
			wd_half_ms = 1;
	}
	if (wd_state < 0)
		return -1;
	now = now_mono_ms();
	if (now >= wd_next) {
		sd_notify(0, "WATCHDOG=1");
		wd_next = now + wd_half_ms;
	}
	return wd_next - now;
}
