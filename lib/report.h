/*
 * Reports built from the store for people to read: an entity's credit
 * file as one JSON document.
 */
#ifndef CS_REPORT_H
#define CS_REPORT_H

#include <jansson.h>

#include "record.h"
#include "store.h"
#include "util.h"

/*
 * The columns of f as a JSON object in schema order, extra columns in an
 * "extra" object.  Returns a new reference.
 */
json_t *cs_fields_object(const struct cs_fields *f);

/*
 * The credit file of entity uscc: {"entity", "as_of", "records" (in
 * decision order, each with status, disputed, seq and its history of
 * corrections, objections and resolutions), "commitments" (with their
 * state on as_of)}.  Returns 1 with *out new, 0 when the entity is not in
 * the store, -1 with err.
 */
int cs_report_credit_file(struct cs_store *st, const char *uscc,
    const char *as_of, json_t **out, struct cs_error *err);

#endif
