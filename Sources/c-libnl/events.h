/* SPDX-License-Identifier: MIT */
/*
 * c-libnl's subscriber for the event-throughput benchmark (bench-events): it
 * drains gnl_kv's "events" group the ordinary libnl way.
 */
#ifndef C_LIBNL_EVENTS_H
#define C_LIBNL_EVENTS_H

#include <stdint.h>

#include <netlink/socket.h>

/*
 * Joins gnl_kv's "events" group on sk with a receive buffer of rcvbuf bytes
 * (SO_RCVBUFFORCE, as the Swift library sets it), prints "ready", waits for a
 * line on stdin (the driver's go-ahead: the burst is queued by then), then
 * reads set notifications until it has n, or nothing more comes for a second.
 * Prints "<received> <lost> <ns>": ns from the go-ahead to the last one read.
 * Returns 0 or a negative libnl error.
 */
int bench_events(struct nl_sock *sk, uint32_t n, int rcvbuf);

#endif /* C_LIBNL_EVENTS_H */
