/*
 * Rules as data: loads share/cs (the record catalogue, column aliases,
 * objection periods, USCC tables, the working-day calendar, the
 * publicity rules and the severity rules) into typed structs, with messages that name the file
 * and the bad key.
 */
#ifndef CS_RULES_RULES_H
#define CS_RULES_RULES_H

#include <jansson.h>
#include <stddef.h>

#include "core/util.h"
#include "domain/calendar.h"
#include "domain/catalog.h"
#include "domain/publicity.h"
#include "domain/mask.h"
#include "domain/severity.h"
#include "domain/uscc.h"
#include "io/row.h"

struct cs_rules {
	char *dir;
	struct cs_catalog cat;		/* catalog.json; cat.uscc is &uscc */
	struct cs_aliases *aliases;
	struct cs_uscc_rules uscc;
	struct cs_calendar cal;
	int objection_days;		/* working days to answer an objection */
	struct cs_publicity pub;	/* publicity.json */
	struct cs_severity sev;		/* severity.json */
	struct cs_mask mask;		/* masking.json; uscc.mask is &mask */
};

/*
 * The rules directory: opt (--rules) if given, else $CS_RULES, else the
 * source tree's share/cs when the binary runs from the build tree, else
 * ../share/cs next to the binary (an installed or DESTDIR tree), else the
 * compiled-in DATADIR.  Returns new memory.
 */
char *cs_rules_dir(const char *opt);

/*
 * Load every rules file of dir.  Returns 0 with *rp new (cs_rules_free),
 * or -1 with err (69) naming the file and the key at fault.
 */
int cs_rules_load(struct cs_rules **rp, const char *dir, struct cs_error *err);
void cs_rules_free(struct cs_rules *ru);

/*
 * Read DIR/FILE as a JSON object: new (json_decref), or NULL with err (69)
 * naming the file, line and column.  For the loaders of other rules.
 */
json_t *cs_rules_json(const char *dir, const char *file,
    struct cs_error *err);
/* Set err (69) to "DIR/FILE: message"; returns -1. */
int cs_rules_error(struct cs_error *err, const char *dir, const char *file,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Load dir/masking.json into m (cs_mask_release).  Returns 0, or -1 with
 * err (69) naming the file and the key.
 */
int cs_masking_load(struct cs_mask *m, const char *dir, struct cs_error *err);

/* The type of the catalogue named by the n bytes at name, or NULL; borrowed. */
const struct cs_rtype *cs_rules_type(const struct cs_rules *ru,
    const char *name, size_t n);

#endif
