// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

static void out_of_memory(void)
{
	fputs("iomemcheck: out of memory\n", stderr);
	exit(2);
}

void *imc_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *imc_xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *imc_xstrdup(const char *s)
{
	size_t len = strlen(s) + 1;

	return memcpy(imc_xcalloc(1, len), s, len);
}

/* Reads f to its end into a NUL-terminated buffer of at least cap bytes
 * (the size of a regular file, or 0); more than max bytes is too many
 * (sets *too_big, returns NULL). */
static char *read_stream(FILE *f, size_t cap, size_t max, size_t *len,
			 bool *too_big)
{
	char *buf = imc_xrealloc(NULL, cap + 1);
	size_t n = 0, got;

	*too_big = false;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = imc_xrealloc(buf, cap + 1);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > max) {
			*too_big = true;
			free(buf);
			return NULL;
		}
	} while (got);
	if (ferror(f)) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

char *imc_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 0;
	struct stat st;
	bool too_big;
	char *buf;
	int saved;

	if (!f)
		return NULL;
	/* One allocation of the right size for a regular file: the plugin
	 * keeps dozens of headers in memory inside cc1. */
	if (!fstat(fileno(f), &st) && S_ISREG(st.st_mode) && st.st_size > 0)
		cap = (size_t)st.st_size + 1;
	buf = read_stream(f, cap, SIZE_MAX - 1, len, &too_big);
	saved = errno;
	fclose(f);
	errno = saved;
	return buf;
}

static void too_large(const char *path, size_t max, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: larger than the limit of %zu MiB", path,
		 max >> 20);
}

/* Whether a file of mode st cannot be an input of at most max bytes (the
 * reason in err). */
static bool input_refused(const char *path, const struct stat *st, size_t max,
			  char *err, size_t errlen)
{
	if (S_ISDIR(st->st_mode))
		snprintf(err, errlen, "%s: %s", path, strerror(EISDIR));
	else if (!S_ISREG(st->st_mode) && !S_ISFIFO(st->st_mode))
		snprintf(err, errlen, "%s: not a regular file", path);
	else if (S_ISREG(st->st_mode) && (uintmax_t)st->st_size > max)
		too_large(path, max, err, errlen);
	else
		return false;
	return true;
}

char *imc_read_input(const char *path, size_t max, size_t *len, char *err,
		     size_t errlen)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	bool too_big;
	char *buf = NULL;

	if (!f || fstat(fileno(f), &st)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	} else if (!input_refused(path, &st, max, err, errlen)) {
		buf = read_stream(
			f, S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 0,
			max, len, &too_big);
		if (!buf && too_big)
			too_large(path, max, err, errlen);
		else if (!buf)
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
	}
	if (f)
		fclose(f);
	return buf;
}

char *imc_xasprintf(const char *fmt, ...)
{
	va_list ap;
	int len;
	char *buf;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf = imc_xcalloc(1, (size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(buf, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return buf;
}

struct imc_arena_block {
	struct imc_arena_block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

enum { ARENA_BLOCK = 64 * 1024 };

void *imc_arena_alloc(struct imc_arena *a, size_t size)
{
	struct imc_arena_block *b = a->head;
	void *p;

	size = (size + 15) & ~(size_t)15;
	if (!b || b->size - b->used < size) {
		size_t cap = size > ARENA_BLOCK ? size : ARENA_BLOCK;

		b = imc_xcalloc(1, sizeof(*b) + cap);
		b->size = cap;
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += size;
	return p;
}

void imc_arena_free(struct imc_arena *a)
{
	while (a->head) {
		struct imc_arena_block *next = a->head->next;

		free(a->head);
		a->head = next;
	}
}

/* FNV-1a: short keys, good enough spread, no dependency. */
static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static size_t hash_ptr(uintptr_t k)
{
	return (size_t)((k >> 3) * 11400714819323198485ull);
}

static void strset_grow(struct imc_strset *s)
{
	struct imc_strset bigger = {0};
	size_t i;

	bigger.cap = s->cap ? s->cap * 2 : 256;
	bigger.slots = imc_xcalloc(bigger.cap, sizeof(char *));
	for (i = 0; i < s->cap; i++) {
		size_t j;

		if (!s->slots[i])
			continue;
		j = hash_str(s->slots[i]) & (bigger.cap - 1);
		while (bigger.slots[j])
			j = (j + 1) & (bigger.cap - 1);
		bigger.slots[j] = s->slots[i];
	}
	bigger.n = s->n;
	free(s->slots);
	*s = bigger;
}

const char *imc_strset_intern(struct imc_strset *s, const char *str)
{
	size_t j;

	if (2 * (s->n + 1) > s->cap)
		strset_grow(s);
	j = hash_str(str) & (s->cap - 1);
	while (s->slots[j]) {
		if (!strcmp(s->slots[j], str))
			return s->slots[j];
		j = (j + 1) & (s->cap - 1);
	}
	s->slots[j] = imc_xstrdup(str);
	s->n++;
	return s->slots[j];
}

const char *imc_strset_find(const struct imc_strset *s, const char *str)
{
	size_t j;

	if (!s->cap)
		return NULL;
	for (j = hash_str(str) & (s->cap - 1); s->slots[j];
	     j = (j + 1) & (s->cap - 1))
		if (!strcmp(s->slots[j], str))
			return s->slots[j];
	return NULL;
}

void imc_strset_free(struct imc_strset *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++)
		free(s->slots[i]);
	free(s->slots);
	memset(s, 0, sizeof(*s));
}

static void ptrmap_grow(struct imc_ptrmap *m)
{
	struct imc_ptrmap bigger = {0};
	size_t i;

	bigger.cap = m->cap ? m->cap * 2 : 256;
	bigger.keys = imc_xcalloc(bigger.cap, sizeof(uintptr_t));
	bigger.vals = imc_xcalloc(bigger.cap, sizeof(void *));
	for (i = 0; i < m->cap; i++)
		if (m->keys[i])
			imc_ptrmap_put(&bigger, m->keys[i], m->vals[i]);
	free(m->keys);
	free(m->vals);
	*m = bigger;
}

void *imc_ptrmap_get(const struct imc_ptrmap *m, uintptr_t key)
{
	size_t j;

	if (!m->cap || !key)
		return NULL;
	for (j = hash_ptr(key) & (m->cap - 1); m->keys[j];
	     j = (j + 1) & (m->cap - 1))
		if (m->keys[j] == key)
			return m->vals[j];
	return NULL;
}

/* Key 0 is reserved as the empty slot marker. */
void imc_ptrmap_put(struct imc_ptrmap *m, uintptr_t key, void *val)
{
	size_t j;

	if (!key)
		return;
	if (2 * (m->n + 1) > m->cap)
		ptrmap_grow(m);
	for (j = hash_ptr(key) & (m->cap - 1); m->keys[j];
	     j = (j + 1) & (m->cap - 1))
		if (m->keys[j] == key) {
			m->vals[j] = val;
			return;
		}
	m->keys[j] = key;
	m->vals[j] = val;
	m->n++;
}

void imc_ptrmap_free_with(struct imc_ptrmap *m, void (*free_val)(void *))
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		if (m->keys[i])
			free_val(m->vals[i]);
	imc_ptrmap_free(m);
}

void imc_ptrmap_free(struct imc_ptrmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* Both keys' bits folded into the low ones, which pick the slot. */
static size_t hash_pair(uintptr_t k1, uintptr_t k2)
{
	uint64_t h = hash_ptr(k1) ^ ((uint64_t)k2 * 0x9e3779b97f4a7c15ull);

	return (size_t)(h ^ (h >> 32) ^ (h >> 17));
}

/* The slot of (k1, k2), or the empty one where it would go. */
static size_t pairmap_slot(const struct imc_pairmap *m, uintptr_t k1,
			   uintptr_t k2)
{
	size_t j, steps = 1;

	for (j = hash_pair(k1, k2) & (m->cap - 1);
	     m->keys[j][0] && (m->keys[j][0] != k1 || m->keys[j][1] != k2);
	     j = (j + 1) & (m->cap - 1))
		steps++;
	imc_work_add(IMC_WORK_PAIRMAP, steps);
	return j;
}

static void pairmap_grow(struct imc_pairmap *m)
{
	struct imc_pairmap bigger = {0};
	size_t i;

	bigger.cap = m->cap ? m->cap * 2 : 64;
	bigger.keys = imc_xcalloc(bigger.cap, sizeof(*bigger.keys));
	bigger.vals = imc_xcalloc(bigger.cap, sizeof(void *));
	for (i = 0; i < m->cap; i++)
		if (m->keys[i][0]) {
			size_t j = pairmap_slot(&bigger, m->keys[i][0],
						m->keys[i][1]);

			bigger.keys[j][0] = m->keys[i][0];
			bigger.keys[j][1] = m->keys[i][1];
			bigger.vals[j] = m->vals[i];
			bigger.n++;
		}
	free(m->keys);
	free(m->vals);
	*m = bigger;
}

void *imc_pairmap_get(const struct imc_pairmap *m, uintptr_t k1, uintptr_t k2)
{
	size_t j;

	if (!m->cap || !k1)
		return NULL;
	j = pairmap_slot(m, k1, k2);
	return m->keys[j][0] ? m->vals[j] : NULL;
}

void imc_pairmap_put(struct imc_pairmap *m, uintptr_t k1, uintptr_t k2,
		     void *val)
{
	size_t j;

	if (!k1)
		return;
	if (2 * (m->n + 1) > m->cap)
		pairmap_grow(m);
	j = pairmap_slot(m, k1, k2);
	if (!m->keys[j][0]) {
		m->keys[j][0] = k1;
		m->keys[j][1] = k2;
		m->n++;
	}
	m->vals[j] = val;
}

void imc_pairmap_free(struct imc_pairmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

static uint64_t work[IMC_WORK_COUNT];

void imc_work_add(enum imc_work w, uint64_t steps)
{
	work[w] += steps;
}

void imc_work_report(void)
{
	if (!getenv("IOMEMCHECK_WORK"))
		return;
	fprintf(stderr,
		"iomemcheck: work: pairmap-probes=%llu "
		"fixit-clash-steps=%llu fixit-wrap-steps=%llu\n",
		(unsigned long long)work[IMC_WORK_PAIRMAP],
		(unsigned long long)work[IMC_WORK_FIXIT_CLASH],
		(unsigned long long)work[IMC_WORK_FIXIT_WRAP]);
}

const char *imc_intern_forever(const char *str)
{
	static struct imc_strset forever;

	return str ? imc_strset_intern(&forever, str) : NULL;
}

const char *imc_path_below(const char *root, const char *path)
{
	size_t n = root ? strlen(root) : 0;

	while (n > 1 && root[n - 1] == '/')
		n--;
	if (!root || !path || strncmp(path, root, n))
		return path;
	if (n == 1 && root[0] == '/')
		return path[1] ? path + 1 : path;
	return path[n] == '/' && path[n + 1] ? path + n + 1 : path;
}
