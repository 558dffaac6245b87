/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	families/gnl_kv/gnl_kv.yaml */
/* YNL-GEN uapi header */
/* by: gnl-gen uapi families/gnl_kv/gnl_kv.yaml */

#ifndef _UAPI_LINUX_GNL_KV_H
#define _UAPI_LINUX_GNL_KV_H

#define GNL_KV_FAMILY_NAME	"gnl_kv"
#define GNL_KV_FAMILY_VERSION	1

#define GNL_KV_KEY_MAX_LEN	64
#define GNL_KV_VALUE_MAX_LEN	1024
#define GNL_KV_TAG_MAX_LEN	32
#define GNL_KV_MAX_TAGS		8
#define GNL_KV_MAX_ENTRIES	256

enum {
	GNL_KV_A_ENTRY_UNSPEC,
	GNL_KV_A_ENTRY_KEY,
	GNL_KV_A_ENTRY_VALUE,
	GNL_KV_A_ENTRY_TAG,
	GNL_KV_A_ENTRY_VERSION,
	GNL_KV_A_ENTRY_PAD,

	__GNL_KV_A_ENTRY_MAX,
	GNL_KV_A_ENTRY_MAX = (__GNL_KV_A_ENTRY_MAX - 1)
};

enum {
	GNL_KV_A_KV_UNSPEC,
	GNL_KV_A_KV_ENTRY,
	GNL_KV_A_KV_EXCLUSIVE,

	__GNL_KV_A_KV_MAX,
	GNL_KV_A_KV_MAX = (__GNL_KV_A_KV_MAX - 1)
};

enum {
	GNL_KV_CMD_GET = 1,
	GNL_KV_CMD_SET,
	GNL_KV_CMD_DELETE,
	GNL_KV_CMD_SET_NTF,
	GNL_KV_CMD_DELETE_NTF,

	__GNL_KV_CMD_MAX,
	GNL_KV_CMD_MAX = (__GNL_KV_CMD_MAX - 1)
};

#define GNL_KV_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_GNL_KV_H */
