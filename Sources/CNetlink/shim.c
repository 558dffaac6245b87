/* strerrorname_np is a GNU extension: ask for it before any libc header. */
#define _GNU_SOURCE
#include <string.h>
#include "CNetlink.h"

const char *cnetlink_errno_name(int number)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
	return strerrorname_np(number);
#else
	(void)number;
	return NULL;
#endif
}
