/* libnl-genl-3 as one module; pkg-config adds -I/usr/include/libnl3. */
#include <netlink/netlink.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/handlers.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>

/*
 * Bytes of C heap in use (glibc's mallinfo2().uordblks; 0 elsewhere). libnl
 * allocates from this heap: the backend's tests use it to show that no nl_sock,
 * nl_cb or nl_msg leaks.
 */
#include <stddef.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
static inline size_t clibnl_heap_in_use(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
	return mallinfo2().uordblks;
#else
	return 0;
#endif
}
