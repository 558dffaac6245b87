/* strerrorname_np is a GNU extension: ask for it before any libc header. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
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

int cnetlink_receive_many(int fd, void *buffer, unsigned int slot_size, unsigned int slots,
			  unsigned int *lengths, __u32 *senders, int *truncated)
{
	struct mmsghdr headers[256];
	struct iovec vectors[256];
	struct sockaddr_nl addresses[256];
	unsigned int i;
	int received;

	if (slots > 256)
		slots = 256;
	memset(headers, 0, sizeof(headers[0]) * slots);
	for (i = 0; i < slots; i++) {
		vectors[i].iov_base = (char *)buffer + (size_t)i * slot_size;
		vectors[i].iov_len = slot_size;
		headers[i].msg_hdr.msg_iov = &vectors[i];
		headers[i].msg_hdr.msg_iovlen = 1;
		headers[i].msg_hdr.msg_name = &addresses[i];
		headers[i].msg_hdr.msg_namelen = sizeof(addresses[i]);
	}
	received = recvmmsg(fd, headers, slots, MSG_WAITFORONE, NULL);
	for (i = 0; received > 0 && i < (unsigned int)received; i++) {
		lengths[i] = headers[i].msg_len;
		senders[i] = addresses[i].nl_pid;
		truncated[i] = (headers[i].msg_hdr.msg_flags & MSG_TRUNC) != 0;
	}
	return received;
}
