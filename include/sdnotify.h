/* SPDX-License-Identifier: MIT */
/*
 * sdnotify.h - the service manager's notifications (sd_notify(3)): READY=1
 * once the broker is connected (the database is open and HTTP listening by
 * then), STATUS= lines, STOPPING=1, and WATCHDOG=1 at half of WatchdogSec
 * from the poll loop.  Without NOTIFY_SOCKET every call does nothing.
 */
#ifndef SDNOTIFY_H
#define SDNOTIFY_H

#include <stdint.h>

/* READY=1 the first time (later calls send only STATUS=) */
void		 sdnotify_ready(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
void		 sdnotify_status(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
void		 sdnotify_stopping(void);
/*
 * Send WATCHDOG=1 when half the watchdog interval has passed since the
 * last one.  Returns ms until the next is due, or -1 without a watchdog.
 */
int64_t		 sdnotify_watchdog(void);

#endif /* SDNOTIFY_H */
