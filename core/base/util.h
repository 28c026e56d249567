/* SPDX-License-Identifier: GPL-2.0-only */
/* Small containers used inside the core: arena, string set, pointer map. */
#ifndef IOMEMCHECK_UTIL_H
#define IOMEMCHECK_UTIL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

void *imc_xcalloc(size_t n, size_t size);
void *imc_xrealloc(void *p, size_t size);
char *imc_xstrdup(const char *s);
/* The whole file, NUL-terminated (len without the NUL); NULL with errno set
 * if it cannot be opened or read. */
char *imc_read_file(const char *path, size_t *len);
/* The same for a file the user names as an input (rules, a baseline, a
 * report, a compile database): a regular file or a pipe (a shell's <(...))
 * of at most max bytes. A directory or a device (/dev/zero) is refused
 * before anything is read, a pipe once it gave more than max bytes: NULL
 * with "PATH: WHY" in err. */
char *imc_read_input(const char *path, size_t max, size_t *len, char *err,
		     size_t errlen);
/* The cap of a JSON input: a baseline, a report to merge, a compile
 * database (Linux's allmodconfig database is some 100 MiB). */
#define IMC_JSON_INPUT_MAX ((size_t)1 << 30)
/* printf into a fresh heap string. */
char *imc_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* path relative to the directory root when it lies below it ("root/x/y.c":
 * "x/y.c"), else path itself; root NULL: path. Both absolute, without "."
 * components; no file system access. */
const char *imc_path_below(const char *root, const char *path);

struct imc_arena {
	struct imc_arena_block *head;
};
void *imc_arena_alloc(struct imc_arena *a, size_t size); /* zeroed, aligned */
void imc_arena_free(struct imc_arena *a);

struct imc_strset {
	char **slots;
	size_t n, cap;
};
const char *imc_strset_intern(struct imc_strset *s, const char *str);
/* The interned copy of str, or NULL if it was never interned. */
const char *imc_strset_find(const struct imc_strset *s, const char *str);
void imc_strset_free(struct imc_strset *s);
/* Process-lifetime interning, for strings findings outlive their TU with. */
const char *imc_intern_forever(const char *str);

struct imc_ptrmap {
	uintptr_t *keys;
	void **vals;
	size_t n, cap;
};
void *imc_ptrmap_get(const struct imc_ptrmap *m, uintptr_t key);
void imc_ptrmap_put(struct imc_ptrmap *m, uintptr_t key, void *val);
void imc_ptrmap_free(struct imc_ptrmap *m);
/* The same, after free_val() on every value. */
void imc_ptrmap_free_with(struct imc_ptrmap *m, void (*free_val)(void *));

/* A map from a pair of keys (the first one not 0) to a pointer. */
struct imc_pairmap {
	uintptr_t (*keys)[2];
	void **vals;
	size_t n, cap;
};
void *imc_pairmap_get(const struct imc_pairmap *m, uintptr_t k1, uintptr_t k2);
void imc_pairmap_put(struct imc_pairmap *m, uintptr_t k1, uintptr_t k2,
		     void *val);
void imc_pairmap_free(struct imc_pairmap *m);

/*
 * Work counters: the steps of the lookups whose cost could grow with the
 * size of a unit (issue 21.3: a list walked per function made 8 MB take
 * 217 s). With IOMEMCHECK_WORK set in the environment imc_work_report()
 * prints them, one line on stderr; robustness.many-functions checks that
 * they grow linearly with the number of functions, without timing.
 */
enum imc_work {
	IMC_WORK_PAIRMAP, /* slots probed in pair maps (why's origins) */
	IMC_WORK_FIXIT_CLASH, /* fix-its compared for overlap */
	IMC_WORK_FIXIT_WRAP, /* edits looked at beside one to be wrapped */
	IMC_WORK_COUNT
};
void imc_work_add(enum imc_work w, uint64_t steps);
void imc_work_report(void);

#ifdef __cplusplus
}
#endif
#endif
