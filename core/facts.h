/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Facts that cross translation units (docs/facts.md): what one unit tells
 * the others about I/O memory. Collected by the analysis of each unit
 * (--facts-out, the plugin's facts=), merged into an SQLite database
 * (iomemcheck --facts-merge), read back by the analysis of other units
 * (--facts=, the plugin's facts-db=).
 */
#ifndef IOMEMCHECK_FACTS_H
#define IOMEMCHECK_FACTS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The facts of one unit, filled by imc_analyze() (imc_options.facts). */
struct imc_facts;
struct imc_facts *imc_facts_new(void);
void imc_facts_free(struct imc_facts *f);
/* Writes the unit's facts as DIR/<name>-<hash of its path>.facts.json
 * through a temporary file renamed into place (concurrent writers under
 * make -j never see half a file); a unit without facts still gets its
 * file, so that the merge replaces its older rows. Nothing when no unit
 * was analysed; -1 and a one-line err on failure. */
int imc_facts_write(const struct imc_facts *f, const char *dir, char *err,
		    size_t errlen);

/* The content hash the facts key a unit by: FNV-1a 64 of the file's bytes,
 * as 16 hex digits into out[17]; -1 if the file cannot be read. */
int imc_facts_hash_file(const char *path, char out[17]);

/* Whether PATH is a facts database iomemcheck can read (opened read-only,
 * the schema's version checked); -1 and a one-line err if not. */
int imc_facts_db_check(const char *path, char *err, size_t errlen);

/* The schema of the merged database (docs/facts.md), one SQL script. */
extern const char imc_facts_schema[];
extern const int imc_facts_schema_version;

#ifdef __cplusplus
}
#endif
#endif
