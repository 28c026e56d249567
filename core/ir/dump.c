// SPDX-License-Identifier: GPL-2.0-only
/* Human-readable IR dump: the tool for checking that both front ends lower
 * the same source to the same IR (compare `--dump-ir` outputs). */
#include <stdio.h>

#include "ir.h"

static const char *const kind_names[] = {
	[IMC_VAR] = "var",	     [IMC_CONST] = "const",
	[IMC_STR] = "str",	     [IMC_FIELD] = "field",
	[IMC_DEREF] = "deref",	     [IMC_INDEX] = "index",
	[IMC_ADDR] = "addr",	     [IMC_CALL] = "call",
	[IMC_ASSIGN] = "assign",     [IMC_INCDEC] = "incdec",
	[IMC_CAST] = "cast",	     [IMC_UNARY] = "unary",
	[IMC_BINARY] = "binary",     [IMC_COND] = "cond",
	[IMC_COMMA] = "comma",	     [IMC_INITLIST] = "initlist",
	[IMC_DESIG] = "desig",	     [IMC_STMTEXPR] = "stmtexpr",
	[IMC_OTHER] = "other",	     [IMC_BLOCK] = "block",
	[IMC_DECL] = "decl",	     [IMC_IF] = "if",
	[IMC_WHILE] = "while",	     [IMC_DO] = "do",
	[IMC_FOR] = "for",	     [IMC_SWITCH] = "switch",
	[IMC_CASE] = "case",	     [IMC_BREAK] = "break",
	[IMC_CONTINUE] = "continue", [IMC_RETURN] = "return",
	[IMC_GOTO] = "goto",	     [IMC_LABEL] = "label",
};

/* Operators by name, as sparse's test-linearize prints them. */
static const char *const op_names[] = {
	[IMC_OP_ADD] = "add",	      [IMC_OP_SUB] = "sub",
	[IMC_OP_MUL] = "mul",	      [IMC_OP_DIV] = "div",
	[IMC_OP_MOD] = "mod",	      [IMC_OP_SHL] = "shl",
	[IMC_OP_SHR] = "shr",	      [IMC_OP_AND] = "and",
	[IMC_OP_OR] = "or",	      [IMC_OP_XOR] = "xor",
	[IMC_OP_LAND] = "land",	      [IMC_OP_LOR] = "lor",
	[IMC_OP_EQ] = "eq",	      [IMC_OP_NE] = "ne",
	[IMC_OP_LT] = "lt",	      [IMC_OP_GT] = "gt",
	[IMC_OP_LE] = "le",	      [IMC_OP_GE] = "ge",
	[IMC_OP_NOT] = "not",	      [IMC_OP_NEG] = "neg",
	[IMC_OP_BITNOT] = "bitnot",   [IMC_OP_PLUS] = "plus",
	[IMC_OP_PREINC] = "preinc",   [IMC_OP_PREDEC] = "predec",
	[IMC_OP_POSTINC] = "postinc", [IMC_OP_POSTDEC] = "postdec",
};

static const char *op_name(enum imc_op op)
{
	size_t n = sizeof(op_names) / sizeof(op_names[0]);

	return (size_t)op < n && op_names[op] ? op_names[op] : "?";
}

static const char *const tkind_names[] = {
	[IMC_T_OTHER] = "other", [IMC_T_VOID] = "void",
	[IMC_T_BOOL] = "bool",	 [IMC_T_INT] = "int",
	[IMC_T_FLOAT] = "float", [IMC_T_PTR] = "ptr",
	[IMC_T_ARRAY] = "array", [IMC_T_STRUCT] = "struct",
	[IMC_T_UNION] = "union", [IMC_T_FUNC] = "func",
};

static void dump_type(const struct imc_type *t, FILE *out, int depth)
{
	if (!t) {
		fputs("?", out);
		return;
	}
	if (t->iomem)
		fputs("__iomem ", out);
	if (t->force)
		fputs("__force ", out);
	fprintf(out, "%s%u", tkind_names[t->kind], t->size);
	if (t->tag)
		fprintf(out, ":%s", t->tag);
	if ((t->kind == IMC_T_PTR || t->kind == IMC_T_ARRAY) && depth < 4) {
		fputs("(", out);
		dump_type(t->pointee, out, depth + 1);
		fputs(")", out);
	}
}

static void dump_loc(const struct imc_node *n, FILE *out)
{
	fprintf(out, " @%u:%u", n->loc.line, n->loc.col);
	if (n->range.valid)
		fprintf(out, " [%u:%u-%u:%u)", n->range.begin.line,
			n->range.begin.col, n->range.end.line,
			n->range.end.col);
}

static void dump_node(const struct imc_node *n, FILE *out, int indent)
{
	uint32_t i;

	fprintf(out, "%*s", indent * 2, "");
	if (!n) {
		fputs("<null>\n", out);
		return;
	}
	fputs(kind_names[n->kind], out);
	if (n->op)
		fprintf(out, " op=%s", op_name(n->op));
	if (n->arrow)
		fputs(" ->", out);
	if (n->explicit_cast)
		fputs(" explicit", out);
	if (n->force)
		fputs(" force", out);
	if (n->name)
		fprintf(out, " '%s'", n->name);
	if (n->var)
		fprintf(out, " var=%s#%u", n->var->name, n->var->id);
	if (n->kind == IMC_CONST || n->kind == IMC_CASE)
		fprintf(out, " %lld", (long long)n->ival);
	fputs(" : ", out);
	dump_type(n->type, out, 0);
	dump_loc(n, out);
	fputc('\n', out);
	for (i = 0; i < n->nkids; i++)
		dump_node(n->kids[i], out, indent + 1);
}

void imc_tu_dump(const struct imc_tu *tu, FILE *out)
{
	uint32_t f, p;

	for (f = 0; f < imc_tu_nfuncs(tu); f++) {
		const struct imc_func *fn = imc_tu_func(tu, f);

		fprintf(out, "func %s @%u:%u (", fn->name, fn->loc.line,
			fn->loc.col);
		for (p = 0; p < fn->nparams; p++) {
			fprintf(out, "%s%s: ", p ? ", " : "",
				fn->params[p]->name ? fn->params[p]->name
						    : "?");
			dump_type(fn->params[p]->type, out, 0);
		}
		fputs(")\n", out);
		dump_node(fn->body, out, 1);
	}
}
