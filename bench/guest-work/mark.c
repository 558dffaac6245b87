/*
 * Executes the marker instruction counting_plugin.c watches for, so the
 * plugin writes its running totals: run it before and after the work measured.
 */
int main(void)
{
	/* nopl 0x0badc0de(%rax,%rax,1) */
	__asm__ volatile(".byte 0x0f, 0x1f, 0x84, 0x00, 0xde, 0xc0, 0xad, 0x0b");
	return 0;
}
