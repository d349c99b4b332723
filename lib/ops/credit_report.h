/*
 * The public credit information report of an entity (cs-publish report):
 * built from the store as one JSON document in the sections of
 * report.json, masked as releases are, numbered and sealed with the
 * SHA-256 of its canonical JSON; drawn as one self-contained HTML page;
 * and read back from either form for verify-report.
 */
#ifndef CS_OPS_CREDIT_REPORT_H
#define CS_OPS_CREDIT_REPORT_H

#include <jansson.h>

#include "core/util.h"
#include "domain/classify.h"
#include "domain/disclose.h"
#include "domain/lists.h"
#include "domain/model.h"
#include "domain/repair.h"
#include "rules/report_rules.h"
#include "rules/rules.h"
#include "store/store.h"

/* What a report is made of; everything borrowed. */
struct cs_credit_in {
	struct cs_store *st;		/* the store, as it was at seq */
	const struct cs_rules *ru;
	const struct cs_report_rules *rr;
	const struct cs_disclose *dc;	/* minors: as releases */
	const struct cs_models *ms;
	const struct cs_classes *cl;
	const struct cs_lists *ls;
	const struct cs_repair_rules *rp;
	long seq;			/* the ledger head: its seq ... */
	char head[65];			/* ... and hash (hex) */
};

/*
 * The version of the report's form, its member "version": 2 since the
 * suggestions give counts_through (the last day counted); a report of
 * another version cannot be recomputed by this cs.
 */
enum { CS_CREDIT_VERSION = 2 };

/*
 * The report of entity uscc (valid, canonical) on as_of (days): 1 with
 * *out new (sealed: "sha256" set), 0 when the store has no such entity,
 * -1 with err.  The report number is derived from uscc, as_of, the seq
 * and head of in (cs_credit_number); "sha256" is the SHA-256 (hex) of
 * the canonical JSON of the report without "sha256".
 */
int cs_credit_report(const struct cs_credit_in *in, const char *uscc,
    int as_of, json_t **out, struct cs_error *err);

/*
 * The hex SHA-256 of the canonical JSON of doc without its "sha256"
 * member into hex.  0, or -1 when doc holds a real.
 */
int cs_credit_seal(const json_t *doc, char hex[65]);

/* The report as one HTML page (cs_html_open .. close) appended to b. */
void cs_credit_html(const json_t *doc, const struct cs_report_rules *rr,
    const char *css, struct cs_buf *b);

/*
 * The report a file holds (s, n bytes: the JSON form, one line, or the
 * HTML page with its <pre hidden id="cs-report">): new, with *html set
 * to whether it was the page; NULL with why (a sentence) when s is
 * neither.
 */
json_t *cs_credit_read(const char *s, size_t n, int *html, char *why,
    size_t nwhy);

/*
 * The first place where a and b differ, as a path ("sections[2].items
 * [0].doc_no", "" for the root) into path: 1 when they differ, 0 when
 * equal.
 */
int cs_json_first_diff(const json_t *a, const json_t *b, struct cs_buf *path);

#endif
