/* strerrorname_np and recvmmsg are GNU extensions: ask for them before any libc header. */
#define _GNU_SOURCE
#include <stddef.h>
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

_Static_assert(sizeof(struct cnetlink_mmsghdr) == sizeof(struct mmsghdr) &&
	       offsetof(struct cnetlink_mmsghdr, msg_len) == offsetof(struct mmsghdr, msg_len),
	       "struct cnetlink_mmsghdr is glibc's struct mmsghdr");

unsigned long cnetlink_receive_headers_size(unsigned int slots)
{
	return slots * (sizeof(struct mmsghdr) + sizeof(struct iovec) + sizeof(struct sockaddr_nl));
}

void cnetlink_receive_headers_init(void *headers, void *buffer, unsigned int slot_size,
				   unsigned int slots)
{
	struct cnetlink_receive_headers h = cnetlink_receive_headers(headers, slots);
	unsigned int i;

	memset(headers, 0, cnetlink_receive_headers_size(slots));
	for (i = 0; i < slots; i++) {
		h.vectors[i].iov_base = (char *)buffer + (size_t)i * slot_size;
		h.vectors[i].iov_len = slot_size;
		h.messages[i].msg_hdr.msg_iov = &h.vectors[i];
		h.messages[i].msg_hdr.msg_iovlen = 1;
		h.messages[i].msg_hdr.msg_name = &h.senders[i];
		h.messages[i].msg_hdr.msg_namelen = sizeof(h.senders[i]);
	}
}

int cnetlink_receive_many(int fd, void *headers, unsigned int slots)
{
	return recvmmsg(fd, (struct mmsghdr *)headers, slots, MSG_WAITFORONE, NULL);
}

void cnetlink_received_one(void *headers, unsigned int slots, unsigned int length)
{
	struct cnetlink_receive_headers h = cnetlink_receive_headers(headers, slots);

	h.messages[0].msg_len = length;
	h.messages[0].msg_hdr.msg_flags = 0;
	h.senders[0].nl_pid = 0;
}
