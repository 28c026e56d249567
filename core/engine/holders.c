// SPDX-License-Identifier: GPL-2.0-only
/*
 * Provenance that outlives a function: struct members and file-scope
 * variables that hold I/O memory. A driver stores its I/O pointer once, in
 * probe, often through __force, and uses it in the interrupt handler; so
 * every assignment of I/O memory to a member (any object of that struct
 * type) or to a file-scope variable is noted here, for the whole TU, and
 * every load of it reads back as I/O memory. The rules add members that
 * APIs fill with I/O memory (io-field).
 */
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

/* The member a FIELD node reads or writes, as an interned "tag.member";
 * NULL for members of anonymous structs. */
const char *member_key(struct analysis *a, const struct imc_node *field)
{
	const struct imc_node *base = imc_kid(field, 0);
	const struct imc_type *t = base ? base->type : NULL;
	char buf[256];

	if (!field->name || !t)
		return NULL;
	if (field->arrow)
		t = imc_type_is_ptr(t) ? t->pointee : NULL;
	if (!t || (t->kind != IMC_T_STRUCT && t->kind != IMC_T_UNION) ||
	    !t->tag)
		return NULL;
	snprintf(buf, sizeof(buf), "%s.%s", t->tag, field->name);
	return imc_strset_intern(&a->strings, buf);
}

const struct io_holder *holder_get(struct analysis *a, uintptr_t key)
{
	return key ? imc_ptrmap_get(&a->holders, key) : NULL;
}

/* Joins what one assignment stored; the first explanation stays, so that
 * an explanation never grows by quoting itself (p = p + 1 in a loop). */
void holder_note(struct analysis *a, uintptr_t key, uint8_t mem, bool forced,
		 const char *why)
{
	struct io_holder *h = imc_ptrmap_get(&a->holders, key);

	if (!key || !(mem & MEM_IO))
		return;
	if (!h) {
		h = imc_xcalloc(1, sizeof(*h));
		h->why = why;
		imc_ptrmap_put(&a->holders, key, h);
		a->holders_changed = true;
	}
	if ((h->mem | mem) != h->mem || (forced && !h->forced))
		a->holders_changed = true;
	h->mem |= mem;
	h->forced |= forced;
}

/* Whether loading n can read I/O memory held by a member or a variable:
 * what makes a function worth analysing (analyze.c, relevance). */
bool holder_read(struct analysis *a, const struct imc_node *n)
{
	const char *key;

	if (n->kind == IMC_VAR && n->var && n->var->scope == IMC_GLOBAL)
		return holder_get(a, (uintptr_t)n->var) != NULL;
	if (n->kind != IMC_FIELD || !imc_type_is_ptr(n->type))
		return false;
	key = member_key(a, n);
	return key && (holder_get(a, (uintptr_t)key) ||
		       rules_for(a, key)->r[IMC_R_IO_FIELD]);
}

void holders_free(struct analysis *a)
{
	size_t i;

	for (i = 0; i < a->holders.cap; i++)
		free(a->holders.vals[i]);
	imc_ptrmap_free(&a->holders);
}
