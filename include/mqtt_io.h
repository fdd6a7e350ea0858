/* SPDX-License-Identifier: MIT */
/*
 * mqtt_io.h - the broker socket's reads and writes, buffered under
 * libmosquitto (mqtt_io.c says how and why).  One socket at a time.
 */
#ifndef MQTT_IO_H
#define MQTT_IO_H

/* Buffer this socket from now on (-1: none); a change drops both buffers. */
void	 mqtt_io_attach(int fd);
/* On around mosquitto_new(): its wake-up socket pair is noted. */
void	 mqtt_io_capture(int on);
/* Before mosquitto_destroy(): detach, forget the pair, free the buffers. */
void	 mqtt_io_release(void);
/* Bytes read from the socket that the library has not taken yet. */
int	 mqtt_io_readable(void);
/* Bytes written by the library that the socket has not taken yet. */
int	 mqtt_io_pending(void);
/* While corked, writes only gather; uncorking sends them together. */
void	 mqtt_io_cork(int on);
/* Send what is gathered, as far as the socket takes it now. */
void	 mqtt_io_flush(void);

#endif /* MQTT_IO_H */
