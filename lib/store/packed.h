/*
 * Packed ledger bodies: the canonical JSON of a flat body (an object of
 * strings, at most one nested object of strings) kept as its values
 * alone, the names as one byte each, dates as day numbers, the subject
 * as a mark, and values that recur (an authority, a type) as the number
 * of a word of the store's table ledger_words.  The JSON, and so the
 * event hash, comes back byte for byte.
 */
#ifndef CS_STORE_PACKED_H
#define CS_STORE_PACKED_H

#include <stddef.h>

#include "core/util.h"
#include "domain/record.h"

/* The longest word, and the longest name a packed body spells out. */
enum { STORE_WORD_MAX = 256 };

/* The words of a store, for packing and unpacking. */
struct store_words {
	/*
	 * The number of the word s (n bytes, a NUL after it), the value of
	 * the member key (one whose values recur): made when new; -1 for a
	 * value kept as it is.
	 */
	long (*number)(void *ctx, const char *key, const char *s, size_t n);
	/* The word of number k (*n bytes), borrowed, or NULL: none. */
	const char *(*word)(void *ctx, long k, size_t *n);
	void *ctx;
};

/*
 * Pack the JSON body (len bytes) of an event about subject into out
 * (reset first).  Returns 0 when out holds the packed form, which
 * store_body_unpack turns back into exactly these bytes (checked here,
 * with scratch, the caller's buffer); 1 when the body has another shape
 * or another spelling: then it is kept as JSON.
 */
int store_body_pack(struct cs_buf *out, const char *subject,
    const char *json, size_t len, struct cs_buf *scratch,
    const struct store_words *w);

/*
 * store_body_pack of json (len bytes), the canonical JSON of the field
 * set f (cs_fields_json), packed from f's values rather than from the
 * JSON: the same bytes in out, the same words numbered, the same return,
 * without parsing the JSON again.  The packed form is checked against
 * json as store_body_pack checks it; when it does not give json back,
 * json is packed as store_body_pack does (a json that is not f's may
 * then leave words of f numbered that the JSON has not).
 */
int store_body_pack_fields(struct cs_buf *out, const char *subject,
    const struct cs_fields *f, const char *json, size_t len,
    struct cs_buf *scratch, const struct store_words *w);

/*
 * The JSON of the packed body p (n bytes) of an event about subject,
 * appended to out, its words from w.  Returns 0, or -1 when p is not a packed body (a
 * damaged or altered row).
 */
int store_body_unpack(struct cs_buf *out, const char *subject,
    const unsigned char *p, size_t n, const struct store_words *w);

/*
 * Fill f (its schema set) from the packed body p (n bytes) of an event
 * about subject, as store_fields_from_flat does from its JSON, without
 * the JSON.  0, or -1 for a body that is not packed or whose names are
 * not f's columns (then read its JSON).
 */
int store_fields_from_packed(struct cs_fields *f, const char *subject,
    const unsigned char *p, size_t n, const struct store_words *w);

#endif
