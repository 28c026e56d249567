// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target for the rules-file parser: any input must either load
 * or fail with a "NAME:LINE: reason" message, never crash or leak. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "iomemcheck.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct imc_rules *rules = imc_rules_new();
	char err[512] = "";

	if (imc_rules_load_buffer(rules, "fuzz.rules", (const char *)data, size,
				  err, sizeof(err)) &&
	    strncmp(err, "fuzz.rules:", 11))
		__builtin_trap(); /* an error must name the file */
	imc_rules_free(rules);
	return 0;
}
