// SPDX-License-Identifier: GPL-2.0
/*
 * ioemu - I/O memory emulation: plain access traps, accessors work.
 *
 * Layout: one reservation of 2 * span bytes.  The lower half is the I/O
 * arena and stays PROT_NONE for good; regions are carved out of it with a
 * guard page after each, and never reused, so a stale pointer cannot reach
 * a newer region.  The upper half holds each region's read-write shadow at
 * exactly +span, which is what lets __ioemu_xlate() be a compare and an add.
 * The I/O half needs no backing at all: nothing ever maps it accessible.
 *
 * Any fault in the reservation is ours to explain:
 *   lower half - a plain load/store/memcpy on I/O memory (the bug we hunt);
 *   upper half - an accessor outside any live region (overrun, after unmap).
 * Faults elsewhere go to whichever handler was installed before us.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <ioemu.h>
#include <linux/io.h>

#define IOEMU_MAX_REGIONS 256
#define IOEMU_NAME_LEN	  40

/* Per half; ample for framebuffers, and only address space is reserved. */
#define IOEMU_SPAN ((uintptr_t)(sizeof(void *) == 8 ? 1ULL << 30 : 64ULL << 20))

enum region_state { REGION_FREE, REGION_LIVE, REGION_DEAD };

struct region {
	uintptr_t start; /* I/O address; shadow is start + span */
	size_t size; /* as requested */
	size_t extent; /* size rounded up to whole pages */
	enum region_state state;
	char name[IOEMU_NAME_LEN];
};

uintptr_t __ioemu_arena_lo;
uintptr_t __ioemu_arena_span;

static struct region regions[IOEMU_MAX_REGIONS];
static uintptr_t arena_next; /* bump allocator offset in the I/O half */
static size_t page_size;
static pthread_mutex_t ioemu_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t arena_once = PTHREAD_ONCE_INIT;
static struct sigaction old_segv;
static bool handler_installed;

/* --- async-signal-safe reporting ------------------------------------ */

struct msg {
	char buf[256];
	size_t len;
};

static void msg_str(struct msg *m, const char *s)
{
	while (*s && m->len < sizeof(m->buf) - 1)
		m->buf[m->len++] = *s++;
}

static void msg_hex(struct msg *m, uintptr_t v)
{
	char tmp[2 + 2 * sizeof(v) + 1];
	int i = sizeof(tmp) - 1;

	tmp[i] = '\0';
	do {
		tmp[--i] = "0123456789abcdef"[v & 0xf];
		v >>= 4;
	} while (v);
	tmp[--i] = 'x';
	tmp[--i] = '0';
	msg_str(m, tmp + i);
}

/* One line on stderr, then the distinctive exit status. */
static void __attribute__((noreturn)) msg_die(struct msg *m)
{
	ssize_t r;

	msg_str(m, "\n");
	r = write(STDERR_FILENO, m->buf, m->len);
	(void)r;
	_exit(IOEMU_TRAP_EXIT);
}

/* "region 'fb' at offset 0x40", plus why the offset is wrong if it is. */
static void msg_where(struct msg *m, const struct region *r, uintptr_t io)
{
	msg_str(m, "region '");
	msg_str(m, r->name);
	msg_str(m, "' at offset ");
	msg_hex(m, io - r->start);
	if (r->state == REGION_DEAD) {
		msg_str(m, " after it was unmapped");
	} else if (io - r->start >= r->size) {
		msg_str(m, " beyond its end (size ");
		msg_hex(m, r->size);
		msg_str(m, ")");
	}
}

/* --- region table ----------------------------------------------------- */

/* Region whose pages (or guard page) cover io, live or dead; or NULL. */
static struct region *region_find(uintptr_t io)
{
	struct region *r;

	for (r = regions; r < regions + IOEMU_MAX_REGIONS; r++) {
		if (r->state != REGION_FREE &&
		    io - r->start < r->extent + page_size)
			return r;
	}
	return NULL;
}

static struct region *region_slot(void)
{
	struct region *r, *dead = NULL;

	for (r = regions; r < regions + IOEMU_MAX_REGIONS; r++) {
		if (r->state == REGION_FREE)
			return r;
		if (r->state == REGION_DEAD && !dead)
			dead = r;
	}
	return dead; /* forget an old unmapped region's name */
}

static bool in_io_half(uintptr_t a)
{
	return a - __ioemu_arena_lo < __ioemu_arena_span;
}

/* --- trap handler ----------------------------------------------------- */

static const char *fault_kind(const void *uc)
{
#if defined(REG_ERR)
	/* x86 page-fault error code: bit 1 set for a write. */
	const ucontext_t *ctx = uc;

	return ctx->uc_mcontext.gregs[REG_ERR] & 2 ? "write" : "read";
#else
	(void)uc;
	return "access";
#endif
}

static void pass_on(int sig, siginfo_t *si)
{
	/*
	 * Not ours: restore the previous handler.  A real fault re-executes
	 * and reaches it; a sent signal has to be sent again.
	 */
	sigaction(sig, &old_segv, NULL);
	if (si->si_code <= 0)
		raise(sig);
}

static void ioemu_segv(int sig, siginfo_t *si, void *uc)
{
	uintptr_t a = (uintptr_t)si->si_addr;
	uintptr_t span = __ioemu_arena_span;
	bool plain = in_io_half(a);
	struct msg m = {.len = 0};
	struct region *r;

	if (si->si_code <= 0 || a - __ioemu_arena_lo >= 2 * span) {
		pass_on(sig, si);
		return;
	}
	if (!plain)
		a -= span;
	r = region_find(a);

	msg_str(&m, plain ? "ioemu: plain " : "ioemu: accessor ");
	msg_str(&m, fault_kind(uc));
	msg_str(&m, " of I/O memory ");
	if (r) {
		msg_where(&m, r, a);
	} else {
		msg_str(&m, "at ");
		msg_hex(&m, a);
		msg_str(&m, " outside any region");
	}
	if (plain)
		msg_str(&m, " (use readl/writel/memcpy_toio or iosys_map_*)");
	msg_die(&m);
}

void ioemu_install_handler(void)
{
	struct sigaction sa;

	pthread_mutex_lock(&ioemu_lock);
	if (!handler_installed) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = ioemu_segv;
		sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
		sigemptyset(&sa.sa_mask);
		if (sigaction(SIGSEGV, &sa, &old_segv) == 0)
			handler_installed = true;
	}
	pthread_mutex_unlock(&ioemu_lock);
}

/* --- mapping ---------------------------------------------------------- */

static void arena_init(void)
{
	uintptr_t span = IOEMU_SPAN;
	void *p;

	page_size = (size_t)sysconf(_SC_PAGESIZE);
	p = mmap(NULL, 2 * span, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return;
	__ioemu_arena_lo = (uintptr_t)p;
	__ioemu_arena_span = span;
}

static size_t page_round(size_t n)
{
	return (n + page_size - 1) & ~(page_size - 1);
}

static struct region *region_create(const char *name, size_t size)
{
	size_t extent = page_round(size);
	uintptr_t start = __ioemu_arena_lo + arena_next;
	struct region *r = region_slot();
	void *shadow;

	/* extent + guard page must fit; the check is written not to overflow */
	if (!r || extent > __ioemu_arena_span - arena_next - page_size) {
		errno = ENOMEM;
		return NULL;
	}
	shadow = mmap((void *)(start + __ioemu_arena_span), extent,
		      PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (shadow == MAP_FAILED)
		return NULL;

	arena_next += extent + page_size;
	r->start = start;
	r->size = size;
	r->extent = extent;
	r->state = REGION_LIVE;
	snprintf(r->name, sizeof(r->name), "%s", name ? name : "io");
	return r;
}

void __iomem *ioemu_map(const char *name, size_t size)
{
	struct region *r = NULL;

	if (!size)
		return NULL;
	pthread_once(&arena_once, arena_init);
	if (!__ioemu_arena_span)
		return NULL;
	ioemu_install_handler();

	pthread_mutex_lock(&ioemu_lock);
	if (size <= __ioemu_arena_span)
		r = region_create(name, size);
	pthread_mutex_unlock(&ioemu_lock);
	return r ? (__force void __iomem *)r->start : NULL;
}

static void __attribute__((noreturn)) bad_unmap(uintptr_t a,
						const struct region *r)
{
	struct msg m = {.len = 0};

	msg_str(&m, "ioemu: iounmap of ");
	if (r) {
		msg_where(&m, r, a);
	} else {
		msg_hex(&m, a);
		msg_str(&m, ", which is not a mapped I/O region");
	}
	msg_die(&m);
}

void ioemu_unmap(volatile void __iomem *addr)
{
	uintptr_t a = (__force uintptr_t)addr;
	struct region *r;

	if (!addr)
		return;
	pthread_mutex_lock(&ioemu_lock);
	r = in_io_half(a) ? region_find(a) : NULL;
	if (!r || r->state != REGION_LIVE || a - r->start >= r->extent) {
		pthread_mutex_unlock(&ioemu_lock);
		bad_unmap(a, r);
	}
	/* Drop the contents and make later accessor use trap too. */
	mmap((void *)(r->start + __ioemu_arena_span), r->extent, PROT_NONE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
	r->state = REGION_DEAD;
	pthread_mutex_unlock(&ioemu_lock);
}

/* Live region containing [a, a + len), for addresses in the I/O half. */
static struct region *live_region(uintptr_t a)
{
	struct region *r = region_find(a);

	if (r && r->state == REGION_LIVE && a - r->start < r->size)
		return r;
	return NULL;
}

void *ioemu_shadow(const volatile void __iomem *addr)
{
	uintptr_t a = (__force uintptr_t)addr;
	void *p = NULL;

	if (!in_io_half(a))
		return NULL;
	pthread_mutex_lock(&ioemu_lock);
	if (live_region(a))
		p = (void *)(a + __ioemu_arena_span);
	pthread_mutex_unlock(&ioemu_lock);
	return p;
}

bool ioemu_is_iomem(const volatile void *addr)
{
	return ioemu_shadow((const volatile void __force __iomem *)addr) !=
	       NULL;
}

void __ioemu_check_range(const char *what, uintptr_t a, size_t len)
{
	struct msg m = {.len = 0};
	struct region *r;
	bool ok;

	pthread_mutex_lock(&ioemu_lock);
	r = region_find(a);
	ok = r && r->state == REGION_LIVE && a - r->start < r->size &&
	     len <= r->size - (a - r->start);
	pthread_mutex_unlock(&ioemu_lock);
	if (ok)
		return;

	msg_str(&m, "ioemu: ");
	msg_str(&m, what);
	msg_str(&m, " of ");
	msg_hex(&m, len);
	msg_str(&m, " bytes at I/O memory ");
	if (r) {
		msg_where(&m, r, a);
		if (r->state == REGION_LIVE && a - r->start < r->size) {
			msg_str(&m, " overruns it (size ");
			msg_hex(&m, r->size);
			msg_str(&m, ")");
		}
	} else {
		msg_hex(&m, a);
		msg_str(&m, " outside any region");
	}
	msg_die(&m);
}

/* --- ioremap ---------------------------------------------------------- */

/*
 * Like the kernel, keep the sub-page part of the physical address so that
 * ioremap(0xfe001040, 0x20) points 0x40 into its page.  Each call creates
 * a fresh zero-filled region: two mappings of one address do not alias.
 */
void __iomem *ioremap(phys_addr_t offset, size_t size)
{
	size_t sub;
	char name[IOEMU_NAME_LEN];
	void __iomem *base;

	pthread_once(&arena_once, arena_init);
	sub = page_size ? (size_t)(offset & (page_size - 1)) : 0;
	if (!size || size > SIZE_MAX - sub)
		return NULL;
	snprintf(name, sizeof(name), "ioremap@0x%llx",
		 (unsigned long long)offset);
	base = ioemu_map(name, size + sub);
	return base ? base + sub : NULL;
}

void iounmap(volatile void __iomem *addr)
{
	ioemu_unmap(addr);
}
