// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target for the command-line parser: the input is split at NUL
 * bytes into argv; any argv must parse or fail with a message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

enum { MAX_ARGS = 64 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *argv[MAX_ARGS + 2], err[512] = "";
	struct imc_cli cli;
	int argc = 1;
	size_t i, start = 0;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[0] = "iomemcheck";
	for (i = 0; i <= size && argc <= MAX_ARGS; i++)
		if (copy[i] == '\0') {
			argv[argc++] = copy + start;
			start = i + 1;
		}
	argv[argc] = NULL;
	if (imc_cli_parse(&cli, argc, argv, err, sizeof(err)) && !err[0])
		__builtin_trap(); /* a failure must say why */
	imc_cli_free(&cli);
	free(copy);
	return 0;
}
