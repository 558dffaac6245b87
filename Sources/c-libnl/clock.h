/* SPDX-License-Identifier: MIT */
#ifndef C_LIBNL_CLOCK_H
#define C_LIBNL_CLOCK_H

#include <stdint.h>
#include <time.h>

/* Nanoseconds on CLOCK_MONOTONIC, the clock every client times with. */
static inline uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

#endif /* C_LIBNL_CLOCK_H */
