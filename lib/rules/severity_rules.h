/*
 * The severity rules as data: share/cs/severity.json (the record types
 * whose severity is derived, the penalty categories that are a fine, the
 * party categories and their spellings, and the ordered rules with their
 * effective dates and sources) loaded into the types of
 * domain/severity.h, with messages that name the file and the key.
 */
#ifndef CS_RULES_SEVERITY_RULES_H
#define CS_RULES_SEVERITY_RULES_H

#include <jansson.h>

#include "core/util.h"
#include "domain/catalog.h"
#include "domain/severity.h"

/*
 * Read j, the object of DIR/severity.json, into sv (cs_severity_release),
 * checking severities, domains and record types against cat.  Returns 0,
 * or -1 with err (69) naming the file and key; sv is empty then.
 */
int cs_severity_parse(struct cs_severity *sv, const json_t *j,
    const char *dir, const struct cs_catalog *cat, struct cs_error *err);

#endif
