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

/*
 * A body packed ahead, on the thread that reads the rows, all but the
 * numbers of its words, which only the store can give: the packed form
 * with numbers of its own in their places, checked against the JSON.
 */
struct store_packing;
struct cs_prepacked {
	int state;			/* 0: packed ahead; -1: not */
	struct cs_buf b;		/* the packed form, numbers of its own */
	struct store_packing *pk;	/* its words, and their places in b */
	struct cs_buf subject;		/* and the JSON's length: what it */
	size_t len;			/* was packed for */
	struct cs_buf scratch;
};

/* The words of a store, for packing and unpacking. */
struct store_words {
	/*
	 * The number of the word s (n bytes, a NUL after it), the value of
	 * the member key (one whose values recur): made when new; -1 for a
	 * value kept as it is (always for one longer than STORE_WORD_MAX).
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

void cs_prepacked_init(struct cs_prepacked *pp);
void cs_prepacked_release(struct cs_prepacked *pp);

/*
 * Pack ahead into pp the body json (len bytes, the canonical JSON of
 * the field set f) of an event about subject, as store_body_pack_fields
 * would, without a store: pure, for the thread that reads the rows.  pp
 * borrows values of f: f must not change before store_body_pack_ahead.
 * pp->state is 0 when it is packed ahead, -1 when the store must pack it
 * (a value that goes into no JSON that decodes, a form that does not give
 * json back: what the store does then numbers words too).
 */
void cs_body_prepack(struct cs_prepacked *pp, const char *subject,
    const struct cs_fields *f, const char *json, size_t len);

/*
 * store_body_pack_fields of f and json, with what cs_body_prepack left in
 * pp (NULL: nothing): only the words are numbered here, in the order
 * store_body_pack_fields numbers them, and the bytes in out and the
 * return are the same.  When pp holds no packed form (or one of another
 * subject or length) or a word is not taken, store_body_pack_fields does
 * it all.
 */
int store_body_pack_ahead(struct cs_buf *out, const struct cs_prepacked *pp,
    const char *subject, const struct cs_fields *f, const char *json,
    size_t len, struct cs_buf *scratch, const struct store_words *w);

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
