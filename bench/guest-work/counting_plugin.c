/*
 * A QEMU TCG plugin that counts what a guest executes: instructions, memory
 * accesses and translated blocks run, each split into user space and kernel.
 * Timing under TCG is noisy; these counts are not, and they include the
 * kernel's side of a request, which callgrind cannot see.
 *
 * Each time guest user space executes the marker instruction (mark.c), the
 * plugin appends the running totals, one line, to the file given as out=PATH:
 *	insns_user insns_kernel mem_user mem_kernel blocks_user blocks_kernel
 * A script takes differences between marks.
 *
 * Built against QEMU's plugin API version 1 (QEMU 7.2, Debian 12). Debian
 * ships no qemu-plugin.h, so the few declarations used are below.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

/* --- QEMU plugin API, version 1 (include/qemu/qemu-plugin.h in QEMU 7.2) --- */
typedef uint64_t qemu_plugin_id_t;
typedef uint32_t qemu_plugin_meminfo_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
typedef struct qemu_info_t qemu_info_t;	/* not read */
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };
enum qemu_plugin_mem_rw { QEMU_PLUGIN_MEM_RW = 3 };

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
	void (*cb)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb));
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb,
	void (*cb)(unsigned int vcpu, void *udata),
	enum qemu_plugin_cb_flags flags, void *udata);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn,
	void (*cb)(unsigned int vcpu, void *udata),
	enum qemu_plugin_cb_flags flags, void *udata);
void qemu_plugin_register_vcpu_mem_cb(struct qemu_plugin_insn *insn,
	void (*cb)(unsigned int vcpu, qemu_plugin_meminfo_t info,
		   uint64_t vaddr, void *udata),
	enum qemu_plugin_cb_flags flags, enum qemu_plugin_mem_rw rw,
	void *udata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb,
						 size_t idx);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);
/* --- end of the API --- */

EXPORT int qemu_plugin_version = 1;

/* x86-64: the kernel lives in the upper half of the address space. */
#define KERNEL_START 0xffff800000000000ull

/* nopl 0x0badc0de(%rax,%rax,1): a no-op nothing else in the guest executes. */
static const unsigned char marker[] = { 0x0f, 0x1f, 0x84, 0x00,
					0xde, 0xc0, 0xad, 0x0b };

enum { USER, KERNEL, SPACES };
#define MAX_VCPUS 64

/* Per vCPU, so vCPUs running in parallel (MTTCG) never share a counter. */
static struct counts {
	uint64_t insns[SPACES], mem[SPACES], blocks[SPACES];
} counts[MAX_VCPUS];

static FILE *out;

static struct counts *of(unsigned int vcpu)
{
	return &counts[vcpu < MAX_VCPUS ? vcpu : MAX_VCPUS - 1];
}

/* A block's udata is its instruction count and its space, packed: no allocation. */
static void *block_data(size_t insns, int space)
{
	return (void *)(uintptr_t)(insns << 1 | (size_t)space);
}

static void block_ran(unsigned int vcpu, void *udata)
{
	uintptr_t data = (uintptr_t)udata;
	int space = data & 1;
	struct counts *c = of(vcpu);

	c->insns[space] += data >> 1;
	c->blocks[space]++;
}

static void memory_accessed(unsigned int vcpu, qemu_plugin_meminfo_t info,
			    uint64_t vaddr, void *udata)
{
	(void)info;
	(void)vaddr;
	of(vcpu)->mem[(uintptr_t)udata]++;
}

static void marker_ran(unsigned int vcpu, void *udata)
{
	uint64_t t[3][SPACES] = { { 0 } };

	(void)vcpu;
	(void)udata;
	for (int i = 0; i < MAX_VCPUS; i++)
		for (int s = 0; s < SPACES; s++) {
			t[0][s] += counts[i].insns[s];
			t[1][s] += counts[i].mem[s];
			t[2][s] += counts[i].blocks[s];
		}
	fprintf(out, "%llu %llu %llu %llu %llu %llu\n",
		(unsigned long long)t[0][USER], (unsigned long long)t[0][KERNEL],
		(unsigned long long)t[1][USER], (unsigned long long)t[1][KERNEL],
		(unsigned long long)t[2][USER], (unsigned long long)t[2][KERNEL]);
	fflush(out);
}

static void block_translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);
	int space = qemu_plugin_tb_vaddr(tb) >= KERNEL_START ? KERNEL : USER;

	(void)id;
	qemu_plugin_register_vcpu_tb_exec_cb(tb, block_ran, QEMU_PLUGIN_CB_NO_REGS,
					     block_data(n, space));
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

		qemu_plugin_register_vcpu_mem_cb(insn, memory_accessed,
						 QEMU_PLUGIN_CB_NO_REGS,
						 QEMU_PLUGIN_MEM_RW,
						 (void *)(uintptr_t)space);
		if (space == USER &&
		    qemu_plugin_insn_size(insn) == sizeof(marker) &&
		    !memcmp(qemu_plugin_insn_data(insn), marker, sizeof(marker)))
			qemu_plugin_register_vcpu_insn_exec_cb(
				insn, marker_ran, QEMU_PLUGIN_CB_NO_REGS, NULL);
	}
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
			       int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++)
		if (!strncmp(argv[i], "out=", 4))
			out = fopen(argv[i] + 4, "w");
	if (!out) {
		fprintf(stderr, "counting_plugin: needs out=PATH, a writable file\n");
		return 1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, block_translated);
	return 0;
}
