/*
 * cs-publish report and verify-report: the credit reports of entities
 * written as canonical JSON lines or HTML pages, and a report checked
 * against the store (genuine for its ledger seq, and still current).
 */
#ifndef CS_CLI_REPORT_CMD_H
#define CS_CLI_REPORT_CMD_H

#include <stddef.h>

/* The help texts of report and verify-report (argp doc: summary \v more). */
extern const char cs_report_doc[];
extern const char cs_verify_report_doc[];

/* The options of report. */
struct cs_report_cmd {
	char **uscc;			/* operands; none: a uscc stream */
	size_t n;
	int html;			/* --format=html (default) */
	const char *output;		/* -o FILE or DIR, or NULL: stdout */
};

/*
 * Write the reports o asks for (as of --as-of) and return the exit
 * status: 0, 1 when some USCC was invalid or not in the store (the
 * others are written), or exits on a fatal error.
 */
int cs_report_main(const struct cs_report_cmd *o);

/*
 * Check the report in file against the store: 0 genuine and current,
 * CS_REPORT_OUTDATED genuine for its ledger seq but the store now gives
 * another report, 1 altered or not a report of this store (naming the
 * first field that differs); exits on a fatal error.
 */
enum { CS_REPORT_OUTDATED = 65 };
int cs_verify_report_main(const char *file);

#endif
