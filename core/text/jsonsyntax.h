/* SPDX-License-Identifier: GPL-2.0-only */
/* Where JSON text goes wrong: the first error's line, column and what was
 * expected there (cJSON only says which value failed, libclang's
 * compilation database nothing at all). */
#ifndef IOMEMCHECK_JSONSYNTAX_H
#define IOMEMCHECK_JSONSYNTAX_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct imc_json_error {
	unsigned line, col; /* 1-based; col counts bytes */
	const char *what; /* "expected ',' or ']'", ... */
};

/* 0 if text[0..len) is one JSON value (RFC 8259 syntax; strings are not
 * checked for valid UTF-8), else -1 with the first error in *err. */
int imc_json_syntax(const char *text, size_t len, struct imc_json_error *err);

#ifdef __cplusplus
}
#endif
#endif
