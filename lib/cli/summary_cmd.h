/*
 * cs-publish summary: the monthly supervision report of a month, as a
 * self-contained HTML page or as its canonical JSON, to stdout or to a
 * file published by rename.
 */
#ifndef CS_CLI_SUMMARY_CMD_H
#define CS_CLI_SUMMARY_CMD_H

/*
 * Run it: month as given to --month (NULL: not given), json for
 * --format=json, output the -o FILE or NULL for stdout.  Reports and
 * exits on any error (64 for a bad or missing month); returns the exit
 * status otherwise.
 */
int cs_summary_main(const char *month, int json, const char *output);

/* The --help text of cs-publish summary. */
extern const char cs_summary_doc[];

#endif
