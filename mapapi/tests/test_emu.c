// SPDX-License-Identifier: GPL-2.0
/*
 * The emulator itself: region bookkeeping, and that plain access traps
 * with a clear message while the accessors work.  Trapping code runs in a
 * forked child; the parent checks its exit status and stderr.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/io.h>
#include <linux/iosys-map.h>

#include "test_mapapi.h"
#include "test_util.h"

void test_emu_regions(void)
{
	void __iomem *a = ioemu_map("a", 100);
	void __iomem *b = ioemu_map("b", 3 * 4096 + 1);
	void __iomem *r = ioremap(0xfe001040, 0x20);
	int on_stack = 0;
	int i;

	CHECK(a && b && r);
	CHECK(ioemu_map("zero", 0) == NULL);
	CHECK(ioremap(0x1000, 0) == NULL);
	CHECK(ioemu_is_iomem((__force void *)a));
	CHECK(ioemu_is_iomem((__force void *)(b + 3 * 4096)));
	CHECK(!ioemu_is_iomem((__force void *)(a + 100))); /* past the end */
	CHECK(!ioemu_is_iomem(&on_stack));
	CHECK(ioemu_shadow((__force void __iomem *)&on_stack) == NULL);

	/* ioremap keeps the sub-page offset of the physical address */
	CHECK_EQ((__force uintptr_t)r & 0xfff, 0x40);
	writel(0x600d, r + 0x1c);
	CHECK_EQ(readl(r + 0x1c), 0x600d);
	iounmap(r);
	CHECK(!ioemu_is_iomem((__force void *)r));

	/* regions do not overlap */
	writeb(1, a + 99);
	writeb(2, b);
	CHECK(readb(a + 99) == 1 && readb(b) == 2);

	/* unmapping frees table slots: far more maps than slots in total */
	for (i = 0; i < 1000; i++) {
		void __iomem *t = ioemu_map("churn", 64);

		CHECK(t != NULL);
		if (!t)
			break;
		writel(i, t + 60);
		CHECK_EQ(readl(t + 60), i);
		ioemu_unmap(t);
	}
	ioemu_unmap(NULL);
	iounmap(a);
	iounmap(b);
}

/* --- trap tests ------------------------------------------------------- */

struct child_result {
	int status;
	char err[1024];
};

/* Run fn in a child, collecting its exit status and stderr. */
static void run_child(void (*fn)(void), struct child_result *res)
{
	int fds[2];
	ssize_t n;
	size_t len = 0;
	pid_t pid;

	memset(res, 0, sizeof(*res));
	if (pipe(fds)) {
		perror("pipe");
		exit(2);
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		fn();
		_exit(0);
	}
	close(fds[1]);
	while ((n = read(fds[0], res->err + len, sizeof(res->err) - 1 - len)) >
	       0)
		len += (size_t)n;
	close(fds[0]);
	waitpid(pid, &res->status, 0);
}

static void expect_trap(const char *what, void (*fn)(void), const char *msg)
{
	struct child_result res;

	run_child(fn, &res);
	if (!WIFEXITED(res.status) ||
	    WEXITSTATUS(res.status) != IOEMU_TRAP_EXIT ||
	    !strstr(res.err, msg)) {
		fprintf(stderr,
			"%s: expected exit %d and \"%s\"; status 0x%x, "
			"stderr:\n%s\n",
			what, IOEMU_TRAP_EXIT, msg, res.status, res.err);
		test_failures++;
	} else {
		printf("%s: trapped as expected: %s", what, res.err);
	}
}

static void plain_store(void)
{
	u32 __iomem *fb = ioemu_map("fb", 4096);

	*(volatile u32 __force *)(fb + 0x10) = 1; /* offset 0x40 */
}

static void plain_load(void)
{
	u8 __iomem *fb = ioemu_map("fb", 4096);

	if (*(volatile u8 __force *)(fb + 0x45))
		_exit(1);
}

static void plain_memcpy(void)
{
	struct iosys_map map;
	char src[64] = "hello";

	iosys_map_set_vaddr_iomem(&map, ioemu_map("fb", 4096));
	memcpy(map.vaddr + 0x100, src, sizeof(src)); /* the sparc64 bug */
}

static void plain_memset(void)
{
	struct iosys_map map =
		IOSYS_MAP_INIT_VADDR_IOMEM(ioemu_map("fb", 4096));

	memset(map.vaddr, 0, 4096);
}

static void plain_struct_rmw(void)
{
	struct regs {
		u32 ctrl, status;
	} __iomem *regs;

	ioemu_map("fb", 4096);
	regs = ioemu_map("regs", sizeof(*regs));
	((struct regs __force *)regs)->status |= 1;
}

static void accessor_overrun(void)
{
	char src[32] = {0};
	void __iomem *fb = ioemu_map("fb", 0x1000);

	memcpy_toio(fb + 0xff0, src, sizeof(src));
}

static void accessor_after_unmap(void)
{
	void __iomem *fb = ioemu_map("fb", 64);

	iounmap(fb);
	if (readl(fb + 8))
		_exit(1);
}

static void accessor_in_guard(void)
{
	void __iomem *fb = ioemu_map("fb", 4096);

	writel(1, fb + 4096 + 16); /* the guard page after the region */
}

static void double_unmap(void)
{
	void __iomem *fb = ioemu_map("fb", 64);

	iounmap(fb);
	iounmap(fb);
}

static void unmap_not_io(void)
{
	static int not_io;

	iounmap((__force void __iomem *)&not_io);
}

/* The clean path: everything through accessors, exit 0. */
static void accessors_work(void)
{
	struct iosys_map map =
		IOSYS_MAP_INIT_VADDR_IOMEM(ioemu_map("fb", 4096));
	u8 buf[16] = "accessor path";

	iosys_map_memcpy_to(&map, 0x100, buf, sizeof(buf));
	iosys_map_wr(&map, 0x40, u32, 1);
	memset(buf, 0, sizeof(buf));
	iosys_map_memcpy_from(buf, &map, 0x100, sizeof(buf));
	if (strcmp((char *)buf, "accessor path") ||
	    iosys_map_rd(&map, 0x40, u32) != 1)
		_exit(1);
}

/* A segfault elsewhere is not ours: whoever handled it before still does. */
static void foreign_segv(void)
{
	volatile uintptr_t wild = 16; /* volatile: no -Warray-bounds */

	ioemu_map("fb", 64);
	*(volatile int *)wild = 1;
}

void test_emu_traps(void)
{
	struct child_result res;

	expect_trap(
		"plain store", plain_store,
		"ioemu: plain write of I/O memory region 'fb' at offset 0x40 ");
	expect_trap(
		"plain load", plain_load,
		"ioemu: plain read of I/O memory region 'fb' at offset 0x45 ");
	expect_trap(
		"plain memcpy", plain_memcpy,
		"ioemu: plain write of I/O memory region 'fb' at offset 0x1");
	expect_trap(
		"plain memset", plain_memset,
		"ioemu: plain write of I/O memory region 'fb' at offset 0x");
	expect_trap("plain |= on a register", plain_struct_rmw,
		    "of I/O memory region 'regs' at offset 0x4 ");
	expect_trap("accessor overrun", accessor_overrun,
		    "ioemu: memcpy_toio of 0x20 bytes at I/O memory region "
		    "'fb' at offset 0xff0 overruns it (size 0x1000)");
	expect_trap("accessor after unmap", accessor_after_unmap,
		    "ioemu: accessor read of I/O memory region 'fb' at offset "
		    "0x8 after it was unmapped");
	expect_trap("accessor in guard page", accessor_in_guard,
		    "ioemu: accessor write of I/O memory region 'fb' at offset "
		    "0x1010 beyond its end (size 0x1000)");
	expect_trap("double iounmap", double_unmap,
		    "ioemu: iounmap of region 'fb' at offset 0x0 after it was "
		    "unmapped");
	expect_trap("iounmap of system memory", unmap_not_io,
		    ", which is not a mapped I/O region");

	run_child(accessors_work, &res);
	CHECK(WIFEXITED(res.status) && WEXITSTATUS(res.status) == 0);
	CHECK(res.err[0] == '\0');

	run_child(foreign_segv, &res);
	CHECK(!(WIFEXITED(res.status) &&
		WEXITSTATUS(res.status) == IOEMU_TRAP_EXIT));
	CHECK(!(WIFEXITED(res.status) && WEXITSTATUS(res.status) == 0));
	CHECK(strstr(res.err, "ioemu:") == NULL);
}
