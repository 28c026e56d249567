// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck GCC plugin: compiling preprocessed input (-save-temps, gcc -E
 * then the .i, distcc, icecc, ccache's preprocessor mode).
 *
 * A .i of plain -E has the annotations spelled out (the plugin restored
 * them in the -E) and its lines are the expanded ones: nothing to restore,
 * and no fix-its (GCC's columns are those of the expanded line).
 *
 * A .i of -E -fdirectives-only (what docs/kbuild.md's iomemcheck-gcc
 * wrapper makes on a distcc client) keeps the original lines, comments
 * included, and every #define: the compile of it restores __iomem and
 * __force as an ordinary compile does, its columns are the source's, and
 * the source text the fix-its, casts and suppressions read comes from the
 * .i itself, so a distcc node needs no copy of the sources.
 */
#include "internal.h"
#include "opts.h" /* save_decoded_options: the input file */
#include "preprocessed.h"

/* The input file of this cc1: the .i (main_input_filename names the file
 * of its first line marker). */
static const char *input_file(void)
{
	unsigned int i;

	for (i = 0; i < save_decoded_options_count; i++)
		if (save_decoded_options[i].opt_index == OPT_SPECIAL_input_file)
			return save_decoded_options[i].arg;
	return NULL;
}

/* the .i, read once; the reader serves it until cc1 exits */
static char *input_text;
static size_t input_len;

/* `# N "NAME" FLAGS`: N, and NAME unescaped into name[cap]. */
static bool line_marker(const char *p, const char *end, long *line, char *name,
			size_t cap)
{
	size_t n = 0;

	if (end - p < 5 || p[0] != '#' || p[1] != ' ' || !ISDIGIT(p[2]))
		return false;
	*line = strtol(p + 2, (char **)&p, 10);
	if (p + 2 > end || p[0] != ' ' || p[1] != '"')
		return false;
	for (p += 2; p < end && *p != '"' && n + 1 < cap; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		name[n++] = *p;
	}
	name[n] = '\0';
	return p < end && *p == '"';
}

/* The lines the .i holds of NAME, each at its line number (a line the .i
 * does not hold, such as a directive or a skipped group, stays empty). */
static char *text_from_input(const char *name, size_t *len)
{
	const char *p = input_text, *end = input_text + input_len;
	char cur[4096] = "";
	long line = 1, next = 1;
	bool found = false;
	obstack ob;
	char *text;

	gcc_obstack_init(&ob);
	while (p < end) {
		const char *eol = (const char *)memchr(p, '\n', end - p);
		long marker_line;

		eol = eol ? eol : end;
		if (line_marker(p, eol, &marker_line, cur, sizeof(cur))) {
			line = marker_line;
		} else {
			if (!strcmp(cur, name) && line >= next) {
				for (; next < line; next++)
					obstack_1grow(&ob, '\n');
				obstack_grow(&ob, p, eol - p);
				obstack_1grow(&ob, '\n');
				next = line + 1;
				found = true;
			}
			line++;
		}
		p = eol + 1;
	}
	*len = obstack_object_size(&ob);
	obstack_1grow(&ob, '\0');
	text = found ? xstrdup((const char *)obstack_finish(&ob)) : NULL;
	obstack_free(&ob, NULL);
	return text;
}

/* Does the .i start with the working-directory line marker (`# 1
 * "DIR//"`: -fworking-directory, or -g)?  Without it libcpp holds the
 * second line's tokens as lookaheads when the unit starts, and the helper
 * #define of restore-macros.cc would read them first (an invalid line
 * directive). */
static bool has_directory_line(void)
{
	const char *p = input_text, *end = input_text + input_len;
	const char *eol;
	long line;
	char dir[4096];
	size_t n;

	eol = (const char *)memchr(p, '\n', end - p);
	if (!eol)
		return false;
	p = eol + 1;
	eol = (const char *)memchr(p, '\n', end - p);
	if (!eol || !line_marker(p, eol, &line, dir, sizeof(dir)))
		return false;
	n = strlen(dir);
	return line == 1 && n > 2 && !strcmp(dir + n - 2, "//");
}

bool pp_directives_only(void)
{
	cpp_options *o = parse_in ? cpp_get_options(parse_in) : NULL;

	return o && o->preprocessed && o->directives_only;
}

bool pp_restore_annotations(void)
{
	const char *path;

	if (!cpp_get_options(parse_in)->preprocessed)
		return true;
	if (!pp_directives_only())
		return false;
	path = input_file();
	if (!input_text && path)
		input_text = imc_read_file(path, &input_len);
	if (!input_text)
		return false;
	imc_source_set_reader(text_from_input);
	if (has_directory_line())
		return true;
	inform(UNKNOWN_LOCATION,
	       "iomemcheck: a %<.i%> of %<-fdirectives-only%> without its "
	       "working directory line: %<__iomem%> and %<__force%> are not "
	       "seen (preprocess with %<-fworking-directory%>)");
	return false;
}
