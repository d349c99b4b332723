/*
 * NDJSON on jansson: one flat JSON object per line.  Strings, numbers,
 * booleans become fields (a number keeps its digits as written), null an
 * absent field; nested values and duplicate keys make the line bad.
 */
#ifndef CS_IO_NDJSON_H
#define CS_IO_NDJSON_H

#include <stddef.h>

#include "core/util.h"

/* The fields of one object, in the object's order; owns its strings. */
struct cs_ndjson_obj {
	size_t n;
	size_t cap;
	const char **key;
	const char **val;		/* NULL for JSON null */
	size_t *vlen;
	unsigned char *type;		/* enum cs_jtype the value had */
	struct cs_buf data;
	size_t *koff;			/* offsets into data (data may move) */
	size_t *voff;
};

void cs_ndjson_obj_init(struct cs_ndjson_obj *o);
void cs_ndjson_obj_release(struct cs_ndjson_obj *o);

/*
 * Parse one line.  Returns 1 with o filled, 0 for a blank line, -1 for a
 * bad line with the reason in msg ("invalid JSON at column 7: ...",
 * "key 'x' holds a nested object", "duplicate key ...").
 */
int cs_ndjson_parse(const char *line, size_t len, struct cs_ndjson_obj *o,
    char *msg, size_t msgsz);

/* Append "key":"value" (with a comma unless first) to b. */
void cs_ndjson_add_pair(struct cs_buf *b, int first, const char *key,
    const char *val, size_t vlen);
/*
 * Append "key":value, the value as a JSON literal of type (enum
 * cs_jtype): a number or a boolean when val is one ("yes" and "no" are
 * booleans), null when val is NULL or empty and type is not CS_JT_TEXT,
 * else a string.  Returns 0 when nothing was added (an empty text).
 */
int cs_ndjson_add_typed(struct cs_buf *b, int first, const char *key,
    const char *val, size_t vlen, int type);

#endif
