/*
 * Ledger bodies read back: the canonical JSON of a record or register row
 * (as written by cs_fields_json) into a field set.
 */
#ifndef CS_STORE_BODY_H
#define CS_STORE_BODY_H

#include "domain/record.h"

/*
 * Fill f from a JSON object (a json_t *: a ledger body, schema columns as
 * strings and an optional "extra" object of strings), values copied.
 * Returns 0, or -1 when obj has another shape.
 */
int cs_fields_from_json(struct cs_fields *f, const void *obj);
/*
 * The same from the text s of a flat body (string members and an
 * "extra" object of strings), without building JSON values: the read
 * path of bulk exports.  0, or -1 for anything else (escaped NULs
 * included): then parse it with jansson and cs_fields_from_json, which
 * gives the same fields or the error.  k and v are the caller's
 * buffers for keys and values, kept between calls (no allocation a row).
 */
int store_fields_from_flat(struct cs_fields *f, const char *s,
    struct cs_buf *k, struct cs_buf *v);

/* After the JSON white space at p. */
const char *store_json_ws(const char *p);
/*
 * The JSON string at p (after its opening quote) decoded into b, with a
 * NUL after it: the end, after the closing quote, or NULL for what is
 * left to jansson (an escaped NUL, a bad escape, a control character).
 */
const char *store_json_string(const char *p, struct cs_buf *b);

#endif
