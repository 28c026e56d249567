// SPDX-License-Identifier: GPL-2.0-only
/* Lowering (see lower.c): Statements and blocks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------------ */
/* Statements.                                                          */

static void lower_stmt(struct lower *L, CXCursor c, struct imc_node *block);

static struct imc_node *stmt_node(struct lower *L, enum imc_kind kind,
				  CXCursor c)
{
	struct imc_node *n = imc_node_new(L->tu, kind, NULL);

	set_stmt_loc(L, n, c);
	return n;
}

/* Normal form (agreed with the GCC plugin, which cannot see more): the
 * function body, a statement expression and the bodies of IF/WHILE/DO/FOR/
 * SWITCH are always one BLOCK; a nested BLOCK appears only for a braced
 * block that declares something (GCC keeps no other braces); empty
 * statements vanish; BLOCKs carry no location. */

static bool declares_something(CXCursor compound)
{
	struct kids k;
	unsigned i;
	bool yes = false;

	kids_get(compound, &k);
	for (i = 0; i < k.n && !yes; i++)
		yes = clang_getCursorKind(k.v[i]) == CXCursor_DeclStmt;
	kids_free(&k);
	return yes;
}

/* The statements of a compound statement, into BLOCK. */
static void lower_compound_into(struct lower *L, CXCursor c,
				struct imc_node *block)
{
	struct kids k;
	unsigned i;

	kids_get(c, &k);
	for (i = 0; i < k.n; i++)
		lower_stmt(L, k.v[i], block);
	kids_free(&k);
}

/* A body: always one BLOCK, whatever statement C is. */
struct imc_node *lower_block(struct lower *L, CXCursor c)
{
	struct imc_node *b = imc_node_new(L->tu, IMC_BLOCK, NULL);

	if (clang_Cursor_isNull(c))
		return b;
	if (clang_getCursorKind(c) == CXCursor_CompoundStmt)
		lower_compound_into(L, c, b);
	else
		lower_stmt(L, c, b);
	return b;
}

/* One statement as one node, where the IR has a single slot for it (asm
 * operands, `goto *p`): a BLOCK when it lowers to several or none. */
static struct imc_node *lower_sub(struct lower *L, CXCursor c)
{
	struct imc_node *tmp = imc_node_new(L->tu, IMC_BLOCK, NULL);

	if (clang_Cursor_isNull(c))
		return NULL;
	lower_stmt(L, c, tmp);
	if (tmp->nkids == 1 && tmp->kids[0])
		return tmp->kids[0];
	return tmp;
}

/* `typeof(x) v` or `__auto_type v`: libclang keeps the type of x, but
 * not the address space sparse gives `&regs->ctrl` (imc_typeof_init()). */
static bool typed_by_typeof(CXCursor d)
{
	CXType t = clang_getCursorType(d);
	CXString s;
	bool yes;

	if (t.kind == CXType_Auto)
		return true;
	s = clang_getTypeSpelling(t);
	yes = !strncmp(clang_getCString(s), "typeof", 6) ||
	      !strncmp(clang_getCString(s), "__typeof", 8);
	clang_disposeString(s);
	return yes;
}

static void lower_decl_stmt(struct lower *L, CXCursor c, struct imc_node *block)
{
	struct kids k;
	unsigned i;

	kids_get(c, &k);
	for (i = 0; i < k.n; i++) {
		CXCursor d = k.v[i], init;
		struct imc_node *n;

		if (clang_getCursorKind(d) != CXCursor_VarDecl)
			continue; /* typedefs, tags, function declarations */
		if (clang_Cursor_getStorageClass(d) == CX_SC_Extern) {
			var_of(L,
			       d); /* a block-scope declaration of a global */
			continue;
		}
		n = imc_node_new(L->tu, IMC_DECL, NULL);
		decl_loc(L, d, &n->loc);
		n->var = new_var(L, d, IMC_LOCAL);
		init = clang_Cursor_getVarDeclInitializer(d);
		if (clang_Cursor_isNull(init))
			imc_node_add(L->tu, n, NULL);
		else if (clang_getCursorKind(init) == CXCursor_InitListExpr)
			imc_node_add(L->tu, n,
				     lower_initlist(L, init,
						    clang_getCursorType(d),
						    clang_getNullCursor()));
		else
			imc_node_add(L->tu, n, lower_expr(L, init));
		if (typed_by_typeof(d))
			n->var->type = imc_typeof_init(L->tu, n->var->type,
						       n->kids[0]);
		imc_node_add(L->tu, block, n);
	}
	kids_free(&k);
}

/* for (init; cond; inc): libclang visits only the parts that are there.
 * Which ones are is read from the tokens of the header (where `for` is
 * spelled, so it works inside macros such as list_for_each_entry). */
static void for_parts(struct lower *L, CXCursor c, bool present[3])
{
	struct toks t;
	unsigned i, part = 0, depth = 0;
	bool started = false, ok = false, seen[3] = {false, false, false};

	present[0] = present[1] = present[2] = true;
	if (!toks_get(L, c, 4096, &t))
		return;
	for (i = 1; i < t.n; i++) { /* t.v[0] is `for` */
		const char *str = t.s[i];
		bool open = !strcmp(str, "(") || !strcmp(str, "[") ||
			    !strcmp(str, "{");
		bool close = !strcmp(str, ")") || !strcmp(str, "]") ||
			     !strcmp(str, "}");

		if (!started) {
			started = true;
			if (strcmp(str, "("))
				break;
			depth = 1;
		} else if (depth == 1 && !strcmp(str, ";")) {
			part++;
		} else if (depth == 1 && close) {
			ok = part == 2;
			break;
		} else {
			if (part < 3)
				seen[part] = true;
			if (open)
				depth++;
			else if (close)
				depth--;
		}
	}
	if (ok)
		for (i = 0; i < 3; i++)
			present[i] = seen[i];
}

static void lower_for(struct lower *L, CXCursor c, struct imc_node *block)
{
	struct imc_node *n = stmt_node(L, IMC_FOR, c);
	struct imc_node *slot[3] = {NULL, NULL, NULL};
	bool present[3];
	struct kids k;
	unsigned i, next = 0, nparts;

	kids_get(c, &k);
	nparts = k.n ? k.n - 1 : 0; /* the body is last */
	for_parts(L, c, present);
	if ((unsigned)present[0] + present[1] + present[2] != nparts) {
		/* tokens did not tell: fill in order */
		for (i = 0; i < 3; i++)
			present[i] = i < nparts;
	}
	for (i = 0; i < 3 && next < nparts; i++) {
		CXCursor part;

		if (!present[i])
			continue;
		part = k.v[next++];
		if (clang_getCursorKind(part) == CXCursor_DeclStmt) {
			struct imc_node *tmp =
				imc_node_new(L->tu, IMC_BLOCK, NULL);

			lower_decl_stmt(L, part, tmp);
			slot[i] = tmp->nkids == 1 ? tmp->kids[0] : tmp;
		} else if (is_expr(part)) {
			slot[i] = lower_expr(L, part);
		} else {
			slot[i] = lower_sub(L, part);
		}
	}
	for (i = 0; i < 3; i++)
		imc_node_add(L->tu, n, slot[i]);
	imc_node_add(
		L->tu, n,
		lower_block(L, k.n ? k.v[k.n - 1] : clang_getNullCursor()));
	kids_free(&k);
	imc_node_add(L->tu, block, n);
}

static void lower_stmt(struct lower *L, CXCursor c, struct imc_node *block)
{
	enum CXCursorKind kind = clang_getCursorKind(c);
	struct imc_node *n;
	struct kids k;
	int64_t v;

	if (clang_isExpression(kind)) {
		imc_node_add(L->tu, block, lower_expr(L, c));
		return;
	}
	switch (kind) {
	case CXCursor_CompoundStmt:
		if (declares_something(c))
			imc_node_add(L->tu, block, lower_block(L, c));
		else
			lower_compound_into(L, c, block);
		return;
	case CXCursor_DeclStmt:
		lower_decl_stmt(L, c, block);
		return;
	case CXCursor_NullStmt:
		return;
	case CXCursor_ForStmt:
		lower_for(L, c, block);
		return;
	case CXCursor_CaseStmt:
	case CXCursor_DefaultStmt:
		n = stmt_node(L, IMC_CASE, c);
		kids_get(c, &k);
		if (kind == CXCursor_DefaultStmt)
			n->is_default = true;
		else if (k.n >= 2 && eval_int(k.v[0], &v))
			n->ival = v;
		imc_node_add(L->tu, block, n);
		/* the labelled statement follows as a sibling */
		if (k.n)
			lower_stmt(L, k.v[k.n - 1], block);
		kids_free(&k);
		return;
	case CXCursor_LabelStmt:
		n = stmt_node(L, IMC_LABEL, c);
		n->name = cx_intern(L, clang_getCursorSpelling(c));
		imc_node_add(L->tu, block, n);
		kids_get(c, &k);
		if (k.n)
			lower_stmt(L, k.v[k.n - 1], block);
		kids_free(&k);
		return;
	default:
		break;
	}

	kids_get(c, &k);
	switch (kind) {
	case CXCursor_IfStmt:
		n = stmt_node(L, IMC_IF, c);
		imc_node_add(L->tu, n, k.n > 0 ? lower_expr(L, k.v[0]) : NULL);
		imc_node_add(L->tu, n,
			     lower_block(L, k.n > 1 ? k.v[1]
						    : clang_getNullCursor()));
		imc_node_add(L->tu, n, k.n > 2 ? lower_block(L, k.v[2]) : NULL);
		break;
	case CXCursor_WhileStmt:
	case CXCursor_SwitchStmt:
		n = stmt_node(
			L, kind == CXCursor_WhileStmt ? IMC_WHILE : IMC_SWITCH,
			c);
		imc_node_add(L->tu, n, k.n > 0 ? lower_expr(L, k.v[0]) : NULL);
		imc_node_add(L->tu, n,
			     lower_block(L, k.n > 1 ? k.v[1]
						    : clang_getNullCursor()));
		break;
	case CXCursor_DoStmt:
		n = stmt_node(L, IMC_DO, c);
		imc_node_add(L->tu, n,
			     lower_block(L, k.n > 0 ? k.v[0]
						    : clang_getNullCursor()));
		imc_node_add(L->tu, n, k.n > 1 ? lower_expr(L, k.v[1]) : NULL);
		break;
	case CXCursor_BreakStmt:
		n = stmt_node(L, IMC_BREAK, c);
		break;
	case CXCursor_ContinueStmt:
		n = stmt_node(L, IMC_CONTINUE, c);
		break;
	case CXCursor_ReturnStmt:
		n = stmt_node(L, IMC_RETURN, c);
		imc_node_add(L->tu, n, k.n > 0 ? lower_expr(L, k.v[0]) : NULL);
		break;
	case CXCursor_GotoStmt:
		n = stmt_node(L, IMC_GOTO, c);
		if (k.n)
			n->name = cx_intern(L, clang_getCursorSpelling(k.v[0]));
		break;
	default: {
		/* asm, `goto *p`, attributed statements (fallthrough), ... */
		unsigned i;
		bool stmts_only = true;

		for (i = 0; i < k.n; i++)
			if (is_expr(k.v[i]))
				stmts_only = false;
		if (kind == CXCursor_UnexposedStmt && stmts_only) {
			for (i = 0; i < k.n; i++)
				lower_stmt(L, k.v[i], block);
			kids_free(&k);
			return;
		}
		n = stmt_node(L, IMC_OTHER, c);
		if (kind == CXCursor_GCCAsmStmt)
			n->name = imc_tu_intern(L->tu, "asm");
		for (i = 0; i < k.n; i++) {
			if (is_expr(k.v[i]))
				imc_node_add(L->tu, n, lower_expr(L, k.v[i]));
			else if (clang_isStatement(clang_getCursorKind(k.v[i])))
				imc_node_add(L->tu, n, lower_sub(L, k.v[i]));
		}
		break;
	}
	}
	kids_free(&k);
	imc_node_add(L->tu, block, n);
}
