/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	specs/gnl_foobar_xmpl.yaml */
/* YNL-GEN uapi header */
/* by: gnl-gen uapi specs/gnl_foobar_xmpl.yaml */

#ifndef _UAPI_LINUX_GNL_FOOBAR_XMPL_H
#define _UAPI_LINUX_GNL_FOOBAR_XMPL_H

#define GNL_FOOBAR_XMPL_FAMILY_NAME	"gnl_foobar_xmpl"
#define GNL_FOOBAR_XMPL_FAMILY_VERSION	1

#define GNL_FOOBAR_XMPL_MSG_MAX_LEN		4096
#define GNL_FOOBAR_XMPL_DUMP_COUNT_DEFAULT	3
#define GNL_FOOBAR_XMPL_DUMP_COUNT_MAX		10000000
#define GNL_FOOBAR_XMPL_REPLY_ERRNO		22
#define GNL_FOOBAR_XMPL_REPLY_ERR_MSG		"gnl_foobar_xmpl: REPLY_WITH_NLMSG_ERR always fails, as requested"

enum gnl_foobar_xmpl_attr {
	GNL_FOOBAR_XMPL_A_UNSPEC,
	GNL_FOOBAR_XMPL_A_MSG,
	GNL_FOOBAR_XMPL_A_DUMP_COUNT,
	GNL_FOOBAR_XMPL_A_DUMP_INDEX,

	__GNL_FOOBAR_XMPL_A_MAX,
	GNL_FOOBAR_XMPL_A_MAX = (__GNL_FOOBAR_XMPL_A_MAX - 1)
};

enum gnl_foobar_xmpl_cmd {
	GNL_FOOBAR_XMPL_C_UNSPEC,
	GNL_FOOBAR_XMPL_C_ECHO_MSG,
	GNL_FOOBAR_XMPL_C_REPLY_WITH_NLMSG_ERR,

	__GNL_FOOBAR_XMPL_C_MAX,
	GNL_FOOBAR_XMPL_C_MAX = (__GNL_FOOBAR_XMPL_C_MAX - 1)
};

#endif /* _UAPI_LINUX_GNL_FOOBAR_XMPL_H */
