/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	families/gnl_kv/gnl_kv.yaml */
/* YNL-GEN uapi header */
/* by: gnl-gen uapi families/gnl_kv/gnl_kv.yaml */

#ifndef _UAPI_LINUX_GNL_KV_H
#define _UAPI_LINUX_GNL_KV_H

#define GNL_KV_FAMILY_NAME	"gnl_kv"
#define GNL_KV_FAMILY_VERSION	1

#define GNL_KV_TEXT_MAX_LEN	256
#define GNL_KV_DUMP_COUNT	3

enum {
	GNL_KV_A_UNSPEC,
	GNL_KV_A_TEXT,
	GNL_KV_A_NUMBER,
	GNL_KV_A_INDEX,

	__GNL_KV_A_MAX,
	GNL_KV_A_MAX = (__GNL_KV_A_MAX - 1)
};

enum {
	GNL_KV_CMD_ECHO = 1,
	GNL_KV_CMD_ECHO_NTF,

	__GNL_KV_CMD_MAX,
	GNL_KV_CMD_MAX = (__GNL_KV_CMD_MAX - 1)
};

#define GNL_KV_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_GNL_KV_H */
