/*
 * cs-record reclassify: options, help and the talking side of
 * ops/reclassify.c, kept here so that cmd/cs-record.c only lists the
 * command in its table.
 */
#ifndef CS_CLI_RECLASSIFY_CMD_H
#define CS_CLI_RECLASSIFY_CMD_H

#include <argp.h>

/* The options of reclassify (--dry-run), as children of its argp. */
extern const struct argp_child cs_reclassify_children[];

/* The help of reclassify: summary, \v, examples and more. */
extern const char cs_reclassify_doc[];
/* The help of add, which says how severities are derived. */
extern const char cs_add_doc[];

/*
 * The handler (struct cs_command's run): writes the records reclassified
 * (or, with --dry-run, those that would be), says the counts on stderr
 * and returns the exit status (1 when a derived severity cannot be
 * derived any more), or exits on a fatal error.
 */
int cs_record_reclassify(void);

#endif
