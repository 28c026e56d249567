// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck GCC plugin: lowering statements and function bodies, and the
 * lower-on-demand driver.
 */
#include "internal.h"

/* ------------------------------------------------------------------------
 * Statements
 *
 * Normal form (both front ends): the function body and the bodies of
 * IF/WHILE/DO/FOR/SWITCH are always one BLOCK; a nested BLOCK appears only
 * for a braced block that declares something (GCC keeps no other braces);
 * empty statements vanish; labels and case labels are markers followed by
 * their statement in the same BLOCK.
 * ------------------------------------------------------------------------ */

static bool bind_is_braced(tree bind)
{
	struct cursor c;

	if (!EXPR_HAS_LOCATION(bind))
		return true;
	if (!cursor_at_spelling(EXPR_LOCATION(bind), &c))
		return true;
	return cur_ch(&c) == '{';
}

static struct imc_node *stmt_node(enum imc_kind kind, tree t,
				  const char *keyword)
{
	struct imc_node *n = imc_node_new(plugin()->unit.tu, kind, NULL);

	if (t && EXPR_HAS_LOCATION(t))
		set_stmt_loc(n, EXPR_LOCATION(t), keyword);
	return n;
}

struct imc_node *body_block(struct lower_ctx *cx, tree t)
{
	struct imc_node *blk = imc_node_new(plugin()->unit.tu, IMC_BLOCK, NULL);

	if (t && TREE_CODE(t) == BIND_EXPR)
		lower_stmt(cx, BIND_EXPR_BODY(t), blk);
	else
		lower_stmt(cx, t, blk);
	return blk;
}

/* Dropped casts in front of DECL's initializer (after its '='). */
static struct imc_node *attach_init_casts(struct imc_node *n, tree decl)
{
	location_t loc = DECL_SOURCE_LOCATION(decl);
	struct cursor c;
	expanded_location x;
	int guard = 4096;

	if (loc <= BUILTINS_LOCATION || in_macro(loc))
		return n;
	x = expand_location(loc);
	if (!cur_init(&c, x.file, x.line, x.column))
		return n;
	while (c.ok && guard-- > 0 && cur_ch(&c) != '=') {
		int ch = cur_ch(&c);

		if (ch == ';' || ch == ',' || ch == '{' || ch == ')')
			return n;
		if (ch == '(' || ch == '[') {
			if (!match_bracket_fwd(&c))
				return n;
		}
		cur_next(&c);
	}
	if (cur_ch(&c) != '=')
		return n;
	cur_next(&c);
	skip_blank_fwd(&c);
	return attach_casts(n, &c, 0);
}

/* The text from C to the end of its expression (a ';' or ',' at its own
 * level), without blanks and outer parentheses, into BUF. */
static bool expr_text_from(struct cursor c, const struct cursor *end, char *buf,
			   size_t size)
{
	size_t n = 0, k;
	int depth = 0, guard = 4096;

	while (c.ok && guard-- > 0 && !(end && cur_same(&c, end))) {
		int ch = cur_ch(&c);

		if (depth == 0 && (ch == ';' || ch == ',' || ch == ')'))
			break;
		depth += ch == '(' || ch == '[';
		depth -= ch == ')' || ch == ']';
		if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\\') {
			if (n + 1 >= size)
				return false;
			buf[n++] = (char)ch;
		}
		cur_next(&c);
	}
	buf[n] = 0;
	/* `(a)` is a */
	while (n >= 2 && buf[0] == '(' && buf[n - 1] == ')') {
		for (k = 1, depth = 0; k < n - 1 && depth >= 0; k++)
			depth += (buf[k] == '(') - (buf[k] == ')');
		if (depth != 0)
			break;
		memmove(buf, buf + 1, n - 2);
		buf[n -= 2] = 0;
	}
	return n > 0;
}

/*
 * `typeof(x) v = x;` (the kernel's swap(): `typeof(a) __tmp = (a)`),
 * `__auto_type v = x;`: v has x's type, __iomem included, as in sparse;
 * GCC's typeof has no annotations. The declaration's text says so: the
 * type is typeof() of the initializer's own text, or __auto_type.
 */
static bool typed_as_init(tree decl)
{
	struct cursor name, c, open, start;
	char word[32], op[256], init[256];

	if (!cursor_at_spelling(DECL_SOURCE_LOCATION(decl), &name))
		return false;
	c = name;
	if (!cur_prev(&c))
		return false;
	skip_blank_back(&c);
	if (ident_ending_at(&c, &start, word, sizeof(word)))
		return !strcmp(word, "__auto_type");
	if (cur_ch(&c) != ')')
		return false;
	open = c;
	if (!match_bracket_back(&open))
		return false;
	start = open;
	if (!cur_prev(&start))
		return false;
	skip_blank_back(&start);
	if (!ident_ending_at(&start, &start, word, sizeof(word)) ||
	    (strcmp(word, "typeof") && strcmp(word, "__typeof__") &&
	     strcmp(word, "__typeof")))
		return false;
	cur_next(&open);
	if (!expr_text_from(open, &c, op, sizeof(op)))
		return false;
	c = name;
	while (c.ok && is_ident_char(cur_ch(&c)))
		cur_next(&c);
	skip_blank_fwd(&c);
	if (cur_ch(&c) != '=')
		return false;
	cur_next(&c);
	return expr_text_from(c, NULL, init, sizeof(init)) && !strcmp(op, init);
}

/* The variable of DECL takes its initializer's type (typed_as_init()). */
static void type_from_init(tree decl, struct imc_var *v,
			   const struct imc_node *init)
{
	const struct imc_type *t = init ? init->type : NULL;

	if (!t || !v->type || t->kind != v->type->kind || decl_iomem(decl) ||
	    !typed_as_init(decl))
		return;
	t = imc_typeof_init(plugin()->unit.tu, t, init);
	v->type = t;
	plugin()->unit.decl_type_cache->put(decl, t);
}

static struct imc_node *lower_decl(struct lower_ctx *cx, tree decl)
{
	struct imc_node *n = imc_node_new(plugin()->unit.tu, IMC_DECL, NULL);
	tree init = DECL_INITIAL(decl);

	n->var = lower_var(decl);
	set_point_loc(n, DECL_SOURCE_LOCATION(decl));
	add_kid(n, init && init != error_mark_node
			   ? attach_init_casts(lower_expr(cx, init), decl)
			   : NULL);
	type_from_init(decl, n->var, n->kids[0]);
	return n;
}

static bool is_skipped_stmt(tree t)
{
	if (!t || t == error_mark_node)
		return true;
	switch (TREE_CODE(t)) {
	case DEBUG_BEGIN_STMT:
	case PREDICT_EXPR:
		return true;
	case NOP_EXPR: /* build_empty_stmt */
		return VOID_TYPE_P(TREE_TYPE(t)) &&
		       TREE_CODE(TREE_OPERAND(t, 0)) == INTEGER_CST;
	case DECL_EXPR:
		return !VAR_P(DECL_EXPR_DECL(t)) ||
		       DECL_EXTERNAL(DECL_EXPR_DECL(t));
	case SAVE_EXPR: /* a VLA's size, evaluated at its declaration */
		return true;
	case CONVERT_EXPR:
		return VOID_TYPE_P(TREE_TYPE(t)) &&
		       TREE_CODE(TREE_OPERAND(t, 0)) == SAVE_EXPR;
	default:
		return false;
	}
}

/* A location to compare statements by: DECL_EXPR at the name. */
static location_t stmt_location(tree t)
{
	if (TREE_CODE(t) == DECL_EXPR)
		return DECL_SOURCE_LOCATION(DECL_EXPR_DECL(t));
	return EXPR_HAS_LOCATION(t) ? EXPR_LOCATION(t) : UNKNOWN_LOCATION;
}

static bool is_for_init_candidate(tree t)
{
	switch (TREE_CODE(t)) {
	case DECL_EXPR:
		return VAR_P(DECL_EXPR_DECL(t));
	case STATEMENT_LIST:
	case BIND_EXPR:
	case COND_EXPR:
	case WHILE_STMT:
	case DO_STMT:
	case FOR_STMT:
	case SWITCH_STMT:
	case BREAK_STMT:
	case CONTINUE_STMT:
	case CASE_LABEL_EXPR:
	case RETURN_EXPR:
	case GOTO_EXPR:
	case LABEL_EXPR:
	case ASM_EXPR:
		return false;
	default:
		return EXPR_P(t);
	}
}

static void lower_for(struct lower_ctx *cx, tree t, tree *init, int ninit,
		      struct imc_node *blk)
{
	struct imc_node *n = stmt_node(IMC_FOR, t, "for");
	struct imc_node *in = NULL;
	int i;

	if (ninit == 1 && TREE_CODE(init[0]) == DECL_EXPR) {
		in = lower_decl(cx, DECL_EXPR_DECL(init[0]));
	} else if (ninit == 1) {
		in = lower_expr(cx, init[0]);
	} else if (ninit > 1) {
		in = imc_node_new(plugin()->unit.tu, IMC_BLOCK, NULL);
		for (i = 0; i < ninit; i++)
			lower_stmt(cx, init[i], in);
	} else if (FOR_INIT_STMT(t)) {
		in = lower_expr(cx, FOR_INIT_STMT(t));
	}
	add_kid(n, in);
	add_kid(n, FOR_COND(t) ? lower_cond(cx, FOR_COND(t)) : NULL);
	add_kid(n, FOR_EXPR(t) ? lower_expr(cx, FOR_EXPR(t)) : NULL);
	add_kid(n, body_block(cx, FOR_BODY(t)));
	add_kid(blk, n);
}

/*
 * GCC emits a for loop's init (`i = 0`, or `int i = 0` in a scope of its
 * own) as the statements before the FOR_STMT; they are the ones located
 * after the `for` keyword.
 */
static void lower_stmt_list(struct lower_ctx *cx, tree list,
			    struct imc_node *blk)
{
	auto_vec<tree> stmts;
	tree_stmt_iterator it;
	unsigned i, j;

	for (it = tsi_start(list); !tsi_end_p(it); tsi_next(&it))
		if (!is_skipped_stmt(tsi_stmt(it)))
			stmts.safe_push(tsi_stmt(it));
	for (i = 0; i < stmts.length(); i++) {
		tree s = stmts[i];

		if (is_for_init_candidate(s)) {
			for (j = i; j < stmts.length() &&
				    is_for_init_candidate(stmts[j]);
			     j++)
				;
			if (j < stmts.length() &&
			    TREE_CODE(stmts[j]) == FOR_STMT &&
			    !FOR_INIT_STMT(stmts[j]) &&
			    EXPR_HAS_LOCATION(stmts[j]) &&
			    loc_before(EXPR_LOCATION(stmts[j]),
				       stmt_location(s))) {
				lower_for(cx, stmts[j], &stmts[i], j - i, blk);
				i = j;
				continue;
			}
		}
		lower_stmt(cx, s, blk);
	}
}

void lower_stmt(struct lower_ctx *cx, tree t, struct imc_node *blk)
{
	struct imc_node *n;

	if (is_skipped_stmt(t))
		return;
	switch (TREE_CODE(t)) {
	case STATEMENT_LIST:
		lower_stmt_list(cx, t, blk);
		return;
	case BIND_EXPR:
		if (bind_is_braced(t)) {
			n = imc_node_new(plugin()->unit.tu, IMC_BLOCK, NULL);
			lower_stmt(cx, BIND_EXPR_BODY(t), n);
			add_kid(blk, n);
		} else {
			lower_stmt(cx, BIND_EXPR_BODY(t), blk);
		}
		return;
	case DECL_EXPR:
		add_kid(blk, lower_decl(cx, DECL_EXPR_DECL(t)));
		return;
	case COND_EXPR: {
		struct cursor c;

		/* an `if` is located at its '(', a ?: at its ':' */
		if (!VOID_TYPE_P(TREE_TYPE(t)) ||
		    (EXPR_HAS_LOCATION(t) &&
		     cursor_at_spelling(EXPR_LOCATION(t), &c) &&
		     cur_ch(&c) == ':'))
			break;
		n = stmt_node(IMC_IF, t, "if");
		add_kid(n, lower_cond(cx, COND_EXPR_COND(t)));
		add_kid(n, body_block(cx, COND_EXPR_THEN(t)));
		add_kid(n,
			COND_EXPR_ELSE(t) && !is_skipped_stmt(COND_EXPR_ELSE(t))
				? body_block(cx, COND_EXPR_ELSE(t))
				: NULL);
		add_kid(blk, n);
		return;
	}
	case WHILE_STMT:
		n = stmt_node(IMC_WHILE, t, "while");
		add_kid(n, lower_cond(cx, WHILE_COND(t)));
		add_kid(n, body_block(cx, WHILE_BODY(t)));
		add_kid(blk, n);
		return;
	case DO_STMT:
		n = stmt_node(IMC_DO, t, "do");
		add_kid(n, body_block(cx, DO_BODY(t)));
		add_kid(n, lower_cond(cx, DO_COND(t)));
		add_kid(blk, n);
		return;
	case FOR_STMT:
		lower_for(cx, t, NULL, 0, blk);
		return;
	case SWITCH_STMT:
		n = stmt_node(IMC_SWITCH, t, "switch");
		add_kid(n, lower_expr(cx, SWITCH_STMT_COND(t)));
		add_kid(n, body_block(cx, SWITCH_STMT_BODY(t)));
		add_kid(blk, n);
		return;
	case CASE_LABEL_EXPR:
		n = stmt_node(IMC_CASE, t, CASE_LOW(t) ? "case" : "default");
		n->is_default = !CASE_LOW(t);
		if (CASE_LOW(t) && TREE_CODE(CASE_LOW(t)) == INTEGER_CST)
			n->ival = int_cst_value(CASE_LOW(t));
		add_kid(blk, n);
		return;
	case BREAK_STMT:
		add_kid(blk, stmt_node(IMC_BREAK, t, "break"));
		return;
	case CONTINUE_STMT:
		add_kid(blk, stmt_node(IMC_CONTINUE, t, "continue"));
		return;
	case RETURN_EXPR: {
		tree v = TREE_OPERAND(t, 0);

		n = stmt_node(IMC_RETURN, t, "return");
		if (v &&
		    (TREE_CODE(v) == MODIFY_EXPR ||
		     TREE_CODE(v) == INIT_EXPR) &&
		    TREE_CODE(TREE_OPERAND(v, 0)) == RESULT_DECL)
			v = TREE_OPERAND(v, 1);
		add_kid(n, v ? attach_after_token(lower_expr(cx, v),
						  (location_t)n->range.fe_begin,
						  "return")
			     : NULL);
		add_kid(blk, n);
		return;
	}
	case GOTO_EXPR: {
		tree dest = GOTO_DESTINATION(t);

		n = stmt_node(IMC_GOTO, t, "goto");
		if (dest && TREE_CODE(dest) == LABEL_DECL)
			n->name = label_name(dest);
		else
			add_kid(n, lower_expr(cx, dest));
		add_kid(blk, n);
		return;
	}
	case LABEL_EXPR: {
		tree label = LABEL_EXPR_LABEL(t);

		if (!label)
			return;
		n = imc_node_new(plugin()->unit.tu, IMC_LABEL, NULL);
		set_point_loc(n, DECL_SOURCE_LOCATION(label));
		n->name = label_name(label);
		add_kid(blk, n);
		return;
	}
	/* Loops and switches as c_genericize leaves them: header functions
	 * are lowered after it (see "Functions"). */
	case LOOP_EXPR:
		n = stmt_node(IMC_WHILE, t, NULL);
		add_kid(n, const_node(integer_type_node, 1));
		add_kid(n, body_block(cx, LOOP_EXPR_BODY(t)));
		add_kid(blk, n);
		return;
	case EXIT_EXPR:
		n = stmt_node(IMC_IF, t, NULL);
		add_kid(n, lower_cond(cx, TREE_OPERAND(t, 0)));
		add_kid(n, imc_node_new(plugin()->unit.tu, IMC_BLOCK, NULL));
		add_kid(n->kids[1], stmt_node(IMC_BREAK, t, NULL));
		add_kid(n, NULL);
		add_kid(blk, n);
		return;
	case SWITCH_EXPR:
		n = stmt_node(IMC_SWITCH, t, NULL);
		add_kid(n, lower_expr(cx, SWITCH_COND(t)));
		add_kid(n, body_block(cx, SWITCH_BODY(t)));
		add_kid(blk, n);
		return;
	default:
		break;
	}
	add_kid(blk, lower_expr(cx, t));
}

/* ------------------------------------------------------------------------
 * Functions
 * ------------------------------------------------------------------------ */

void ensure_tu(void)
{
	if (plugin()->unit.tu)
		return;
	plugin()->unit.tu =
		imc_tu_new(main_input_filename ? main_input_filename : "");
	plugin()->unit.deferred = imc_deferred_new();
	plugin()->unit.next_seq = 0;
	plugin()->unit.type_cache = new hash_map<tree, struct imc_type *>;
	plugin()->unit.decl_type_cache =
		new hash_map<tree, const struct imc_type *>;
}

static struct imc_func *lower_body(tree fndecl, uint32_t seq)
{
	struct lower_ctx cx = {};
	struct imc_func *fn;
	tree parm;

	fn = imc_func_new(plugin()->unit.tu, decl_name(fndecl));
	fn->seq = seq;
	set_decl_loc(&fn->loc, fndecl);
	fn->type = decl_type(fndecl);
	fn->is_static = !TREE_PUBLIC(fndecl);
	for (parm = DECL_ARGUMENTS(fndecl); parm; parm = DECL_CHAIN(parm))
		if (TREE_CODE(parm) == PARM_DECL)
			imc_func_add_param(plugin()->unit.tu, fn,
					   lower_var(parm));
	cx.fndecl = fndecl;
	fn->body = body_block(&cx, DECL_SAVED_TREE(fndecl));
	return fn;
}

/* A header function's definition, lowered only if the main file reaches
 * it: by then c_genericize has turned its loops into LOOP_EXPRs and gotos,
 * which lower_stmt reads as well, and the body is kept until the end of
 * the unit (cgraph gimplifies after parsing). */
struct definition {
	tree fndecl;
	uint32_t seq;
};

static struct imc_func *lower_definition(void *handle, void *ctx)
{
	struct definition *d = (struct definition *)handle;

	(void)ctx;
	return lower_body(d->fndecl, d->seq);
}

static bool in_main_file(tree fndecl)
{
	struct imc_loc loc = {};

	set_decl_loc(&loc, fndecl);
	return loc.file &&
	       !strcmp(loc.file, imc_tu_main_file(plugin()->unit.tu));
}

void lower_function(void *gcc_data, void *user_data)
{
	tree fndecl = (tree)gcc_data;
	struct definition *d;
	uint32_t seq;

	(void)user_data;
	if (!fndecl || fndecl == error_mark_node ||
	    TREE_CODE(fndecl) != FUNCTION_DECL || !DECL_NAME(fndecl))
		return;
	if (!DECL_SAVED_TREE(fndecl) ||
	    DECL_SAVED_TREE(fndecl) == error_mark_node)
		return;
	ensure_tu();
	seq = plugin()->unit.next_seq++;
	if (!plugin()->args.headers && !plugin()->args.dump_ir &&
	    !in_main_file(fndecl)) {
		d = (struct definition *)imc_tu_alloc(plugin()->unit.tu,
						      sizeof(*d));
		d->fndecl = fndecl;
		d->seq = seq;
		if (imc_defer(
			    plugin()->unit.deferred,
			    imc_tu_intern(plugin()->unit.tu, decl_name(fndecl)),
			    d))
			return;
	}
	imc_lower_callees(plugin()->unit.deferred, lower_body(fndecl, seq),
			  lower_definition, NULL);
}
