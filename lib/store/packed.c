/*
 * Packed ledger bodies (see packed.h): a record's event is mostly the
 * names of its columns, quotes and dates; packed, it keeps the values.
 * The format is part of the store file (schema 7): what is written here
 * is read back by every later cs, so the tables below only ever grow.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/calendar.h"
#include "store/body.h"
#include "store/packed.h"

/* The first byte of a packed body: its format. */
enum { PACKED_V1 = 0x01 };

/* Key bytes: 1..NKEYS name keys[i - 1]; these mark the others. */
enum { KEY_LITERAL = 0x00, KEY_CLOSE = 0xff };

/*
 * Value headers: a varint h whose low two bits say what h >> 2 is: the
 * length of a string that follows, the day number of a date (days after
 * 1900-01-01), the number of a word, or a mark (the event's subject; an
 * object whose members follow up to KEY_CLOSE).
 */
enum { VAL_STRING, VAL_DATE, VAL_WORD, VAL_MARK };
enum { MARK_SUBJECT, MARK_OBJECT };

/*
 * The names a byte stands for, sorted (bytes): the columns of records
 * and of the entity register, and "extra".  Frozen: stored bodies name
 * their members by position here, so a name added later goes to the end
 * (and may be written out, KEY_LITERAL, as any name not here is, when
 * the search in name order misses it).  worded: the values of the
 * member recur (a record's authority, its type, its basis) and are worth
 * a word; a name, an amount or a document number stays in its body.
 * Not part of the format: a reader takes a word wherever it is.
 */
static const struct {
	const char *name;
	int worded;
} keys[] = {
	{ "amount", 0 }, { "authority", 1 }, { "authority_uscc", 1 },
	{ "basis", 1 }, { "certified", 1 }, { "content", 1 },
	{ "decided_on", 0 }, { "dishonest_debtor", 1 }, { "doc_no", 0 },
	{ "domain", 1 }, { "due_on", 0 }, { "extra", 0 }, { "facts", 0 },
	{ "fine_10k_yuan", 0 }, { "id", 0 }, { "industry", 1 },
	{ "kind", 1 }, { "legal_rep", 0 }, { "legal_rep_id", 0 },
	{ "legal_rep_id_type", 1 }, { "license_category", 1 }, { "name", 0 },
	{ "note", 1 }, { "party_category", 1 }, { "penalty_category", 1 },
	{ "person_id", 0 }, { "person_id_type", 1 }, { "person_name", 0 },
	{ "publicity_end", 0 }, { "ref", 0 }, { "region", 1 },
	{ "registered_on", 0 }, { "severity", 1 }, { "severity_rule", 1 },
	{ "source", 1 }, { "source_uscc", 1 }, { "status", 1 },
	{ "type", 1 }, { "uscc", 0 }, { "valid_from", 0 },
	{ "valid_until", 0 }, { "violation_type", 1 },
};
enum { NKEYS = sizeof(keys) / sizeof(keys[0]) };

/*
 * The index of name s in keys, or -1.  Bodies list their members in
 * name order, so the search starts after the last one found (*from).
 */
static int
key_index(const char *s, size_t *from)
{
	size_t i;
	int c;

	for (i = *from; i < NKEYS; i++) {
		c = strcmp(s, keys[i].name);
		if (c == 0) {
			*from = i + 1;
			return (int)i;
		}
		if (c < 0)
			break;
	}
	/* Out of order (a body of another cs): the whole table. */
	for (i = 0; i < *from && i < NKEYS; i++)
		if (strcmp(s, keys[i].name) == 0)
			return (int)i;
	return -1;
}

static void
put_varint(struct cs_buf *b, size_t v)
{
	unsigned char t[10];
	size_t n = 0;

	do {
		t[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v != 0)
			t[n] |= 0x80;
		n++;
	} while (v != 0);
	cs_buf_add(b, t, n);
}

/* The varint at *p (before end) into *v: 0, or -1 when cut. */
static int
get_varint(const unsigned char **p, const unsigned char *end, size_t *v)
{
	unsigned shift = 0;

	*v = 0;
	while (*p < end && shift < 63) {
		unsigned char c = *(*p)++;

		*v |= (size_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return 0;
		shift += 7;
	}
	return -1;
}

/*
 * Dates are packed as days from 1900-01-01 (so that every date of a
 * record is a small positive number), the calendar's day numbers moved.
 */
static long
day_number(long y, long m, long d)
{
	return cs_days_from_civil((int)y, (int)m, (int)d) -
	    cs_days_from_civil(1900, 1, 1);
}

/* The date of packed day number n as YYYY-MM-DD into out[11]. */
static void
day_date(long n, char out[11])
{
	cs_date_format((int)(n + cs_days_from_civil(1900, 1, 1)), out);
}

/* The day number of s (n bytes) when it is a date from 1900, else -1. */
static long
as_date(const char *s, size_t n)
{
	static const char shape[] = "dddd-dd-dd";
	char back[11];
	long y, m, d, k;
	size_t i;

	if (n != 10)
		return -1;
	for (i = 0; i < 10; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != '-')
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	k = day_number(y, m, d);
	day_date(k, back);
	return memcmp(back, s, 10) == 0 ? k : -1;
}

/*
 * The words one body was packed with, so that its check needs not look
 * them up: at most WORDS_A_BODY, of WORD_BYTES in all.  Their bytes are
 * copied into bytes (WORD_BYTES of them) when it is not NULL, else (the
 * values of a field set, which stay) borrowed.
 */
enum { WORDS_A_BODY = 32, WORD_BYTES = 4096 };
struct store_packing {
	const struct store_words *w;	/* the store's */
	long k[WORDS_A_BODY];
	const char *ws[WORDS_A_BODY];	/* each word */
	size_t len[WORDS_A_BODY];
	size_t n, used;
	char *bytes;
	const char *key[WORDS_A_BODY];	/* the member of each word */
	size_t at[WORDS_A_BODY];	/* where the varint of each word is */
	size_t atlen[WORDS_A_BODY];	/* and its bytes */
};

/* The number of word s (n bytes) for pk, kept there; -1: none. */
static long
pack_word(struct store_packing *pk, const char *key, const char *s, size_t n)
{
	long k;

	if (pk->n == WORDS_A_BODY || n > WORD_BYTES - pk->used)
		return -1;
	k = pk->w->number(pk->w->ctx, key, s, n);
	if (k < 0)
		return -1;
	if (pk->bytes != NULL) {
		memcpy(pk->bytes + pk->used, s, n);
		s = pk->bytes + pk->used;
	}
	pk->k[pk->n] = k;
	pk->key[pk->n] = key;
	pk->ws[pk->n] = s;
	pk->len[pk->n++] = n;
	pk->used += n;
	return k;
}

/* store_words.word of the words kept in a struct store_packing. */
static const char *
packed_word(void *ctx, long k, size_t *n)
{
	const struct store_packing *pk = ctx;
	size_t i;

	for (i = 0; i < pk->n; i++)
		if (pk->k[i] == k) {
			*n = pk->len[i];
			return pk->ws[i];
		}
	return NULL;
}

/*
 * The name of a member (nl bytes, a NUL after them) into out; the key of
 * its words (a member whose values recur, not nested), or NULL.
 */
static const char *
pack_name(struct cs_buf *out, const char *name, size_t nl, size_t *from,
    int nested)
{
	int k = strlen(name) == nl ? key_index(name, from) : -1;

	if (k >= 0) {
		cs_buf_addc(out, k + 1);
		return nested || !keys[k].worded ? NULL : keys[k].name;
	}
	cs_buf_addc(out, KEY_LITERAL);
	put_varint(out, nl);
	cs_buf_add(out, name, nl);
	return NULL;
}

/*
 * A string value v (n bytes) of the member whose words are key's (or
 * NULL) into out: the subject's mark, a date, a word, or the bytes.
 */
static void
pack_value(struct cs_buf *out, const char *subject, size_t sublen,
    const char *key, const char *v, size_t n, struct store_packing *pk)
{
	long day, num;

	if (sublen == n && memcmp(subject, v, n) == 0) {
		put_varint(out, MARK_SUBJECT << 2 | VAL_MARK);
	} else if ((day = as_date(v, n)) >= 0) {
		put_varint(out, (size_t)day << 2 | VAL_DATE);
	} else if (key != NULL && (num = pack_word(pk, key, v, n)) >= 0) {
		pk->at[pk->n - 1] = out->len;
		put_varint(out, (size_t)num << 2 | VAL_WORD);
		pk->atlen[pk->n - 1] = out->len - pk->at[pk->n - 1];
	} else {
		put_varint(out, n << 2 | VAL_STRING);
		cs_buf_add(out, v, n);
	}
}

/*
 * The members of the object at p (after its "{") packed into out; nested
 * when inside another.  The end (after "}"), or NULL for another shape.
 */
static const char *
pack_members(struct cs_buf *out, const char *subject, const char *p,
    int nested, struct cs_buf *tmp, struct store_packing *pk)
{
	const char *key;
	size_t from = 0, sublen = strlen(subject);

	if (*p == '}')
		return p + 1;
	for (;;) {
		if (*p != '"' || (p = store_json_string(p + 1, tmp)) == NULL ||
		    *p++ != ':')
			return NULL;
		key = pack_name(out, tmp->s, tmp->len, &from, nested);
		if (*p == '{' && !nested) {
			put_varint(out, MARK_OBJECT << 2 | VAL_MARK);
			p = pack_members(out, subject, p + 1, 1, tmp, pk);
			if (p == NULL)
				return NULL;
			cs_buf_addc(out, KEY_CLOSE);
		} else {
			if (*p != '"' ||
			    (p = store_json_string(p + 1, tmp)) == NULL)
				return NULL;
			pack_value(out, subject, sublen, key, tmp->s,
			    tmp->len, pk);
		}
		if (*p == '}')
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

int
store_body_pack(struct cs_buf *out, const char *subject, const char *json,
    size_t len, struct cs_buf *scratch, const struct store_words *w)
{
	struct store_packing pk;
	struct store_words kept = { NULL, packed_word, &pk };
	const char *end;
	char bytes[WORD_BYTES];

	pk.w = w;
	pk.bytes = bytes;
	pk.n = pk.used = 0;
	cs_buf_reset(out);
	if (len < 2 || json[0] != '{' || strlen(json) != len)
		return 1;
	cs_buf_addc(out, PACKED_V1);
	end = pack_members(out, subject, json + 1, 0, scratch, &pk);
	if (end == NULL || end != json + len)
		return 1;
	/* Only a form that gives these very bytes back is kept. */
	cs_buf_reset(scratch);
	if (store_body_unpack(scratch, subject, (const unsigned char *)out->s,
	    out->len, &kept) != 0 || scratch->len != len ||
	    memcmp(scratch->s, json, len) != 0)
		return 1;
	return 0;
}

/*
 * One member of a body packed from a field set: what pack_members does
 * with a name and a string value that came from JSON, done with the bytes
 * the JSON was written from.  0, or 1 when the JSON of the value would not
 * decode (a NUL in it): the JSON path stops at that member too, so the
 * words numbered before it are the same.
 */
static int
pack_member(struct cs_buf *out, const char *subject, size_t sublen,
    const char *name, size_t *from, int nested, const char *v, size_t n,
    struct store_packing *pk)
{
	const char *key = pack_name(out, name, strlen(name), from, nested);

	if (memchr(v, '\0', n) != NULL)
		return 1;
	pack_value(out, subject, sublen, key, v, n, pk);
	return 0;
}

/*
 * The extra columns of f as the object "extra" of its JSON: names in
 * byte order (the order of cs_fields_json).  0 or 1 as pack_member.
 */
static int
pack_extra(struct cs_buf *out, const char *subject, size_t sublen,
    const struct cs_fields *f, struct store_packing *pk)
{
	size_t order[64], *o = order, i, j, from = 0;
	int rc = 0;

	if (f->nx > sizeof(order) / sizeof(order[0]))
		o = cs_xcalloc(f->nx, sizeof(*o));
	for (i = 0; i < f->nx; i++) {
		for (j = i; j > 0 && strcmp(f->xname[o[j - 1]],
		    f->xname[i]) > 0; j--)
			o[j] = o[j - 1];
		o[j] = i;
	}
	put_varint(out, MARK_OBJECT << 2 | VAL_MARK);
	for (i = 0; i < f->nx && rc == 0; i++)
		rc = pack_member(out, subject, sublen, f->xname[o[i]], &from,
		    1, f->xval[o[i]], f->xlen[o[i]], pk);
	cs_buf_addc(out, KEY_CLOSE);
	if (o != order)
		free(o);
	return rc;
}

/*
 * Pack the members of f into out (reset first) with pk (its words from
 * pk->w), then check the packed form against json (len bytes): 0 when it
 * gives json back, 1 when a value does not go into JSON that decodes (a
 * NUL), 2 when the form does not give json back.
 */
static int
pack_fields(struct cs_buf *out, const char *subject,
    const struct cs_fields *f, const char *json, size_t len,
    struct cs_buf *scratch, struct store_packing *pk)
{
	const struct cs_schema *sc = f->sc;
	struct store_words kept = { NULL, packed_word, pk };
	size_t k, from = 0, sublen = strlen(subject);
	int extra_done = f->nx == 0, rc = 0;

	pk->n = pk->used = 0;
	cs_buf_reset(out);
	cs_buf_addc(out, PACKED_V1);
	/* The members in the order of cs_fields_json: the same bytes. */
	for (k = 0; k <= sc->n && rc == 0; k++) {
		const char *name = k < sc->n ? sc->cols[sc->sorted[k]].name :
		    NULL;
		size_t c;

		if (!extra_done && (name == NULL ||
		    strcmp("extra", name) < 0)) {
			pack_name(out, "extra", 5, &from, 0);
			rc = pack_extra(out, subject, sublen, f, pk);
			extra_done = 1;
			if (rc != 0)
				break;
		}
		if (name == NULL)
			break;
		c = sc->sorted[k];
		if (f->v[c] == NULL)
			continue;
		rc = pack_member(out, subject, sublen, name, &from, 0, f->v[c],
		    f->vlen[c], pk);
	}
	if (rc != 0)
		return 1;
	/* Only a form that gives these very bytes back is kept. */
	cs_buf_reset(scratch);
	if (store_body_unpack(scratch, subject, (const unsigned char *)out->s,
	    out->len, &kept) != 0 || scratch->len != len ||
	    memcmp(scratch->s, json, len) != 0)
		return 2;
	return 0;
}

int
store_body_pack_fields(struct cs_buf *out, const char *subject,
    const struct cs_fields *f, const char *json, size_t len,
    struct cs_buf *scratch, const struct store_words *w)
{
	struct store_packing pk;
	int rc;

	pk.w = w;
	pk.bytes = NULL;
	rc = pack_fields(out, subject, f, json, len, scratch, &pk);
	if (rc == 1)
		cs_buf_reset(out);
	/* A form that does not (the JSON is not f's): the JSON's own. */
	if (rc == 2)
		return store_body_pack(out, subject, json, len, scratch, w);
	return rc;
}

/*
 * The words of a body packed ahead: numbered in the order met (so that
 * each is a word of its own for the check), none longer than a store
 * keeps.
 */
static long
ahead_number(void *ctx, const char *key, const char *s, size_t n)
{
	const struct store_packing *pk = ctx;

	(void)key, (void)s;
	return n == 0 || n > STORE_WORD_MAX ? -1 : (long)pk->n + 1;
}

void
cs_prepacked_init(struct cs_prepacked *pp)
{
	memset(pp, 0, sizeof(*pp));
	pp->state = -1;
	cs_buf_init(&pp->b);
	cs_buf_init(&pp->subject);
	cs_buf_init(&pp->scratch);
}

void
cs_prepacked_release(struct cs_prepacked *pp)
{
	if (pp == NULL)
		return;
	cs_buf_release(&pp->b);
	free(pp->pk);
	cs_buf_release(&pp->subject);
	cs_buf_release(&pp->scratch);
}

void
cs_body_prepack(struct cs_prepacked *pp, const char *subject,
    const struct cs_fields *f, const char *json, size_t len)
{
	struct store_words ahead = { ahead_number, NULL, NULL };

	if (pp->pk == NULL)
		pp->pk = cs_xmalloc(sizeof(*pp->pk));
	ahead.ctx = pp->pk;
	pp->pk->w = &ahead;
	pp->pk->bytes = NULL;
	pp->state = -1;
	if (pack_fields(&pp->b, subject, f, json, len, &pp->scratch,
	    pp->pk) == 0) {
		cs_buf_reset(&pp->subject);
		cs_buf_adds(&pp->subject, subject);
		pp->len = len;
		pp->state = 0;
	}
	pp->pk->w = NULL;
}

int
store_body_pack_ahead(struct cs_buf *out, const struct cs_prepacked *pp,
    const char *subject, const struct cs_fields *f, const char *json,
    size_t len, struct cs_buf *scratch, const struct store_words *w)
{
	const struct store_packing *pk;
	size_t i, prev = 0;
	long k;

	if (pp == NULL || pp->state != 0 || pp->len != len ||
	    strcmp(pp->subject.s, subject) != 0)
		return store_body_pack_fields(out, subject, f, json, len,
		    scratch, w);
	pk = pp->pk;
	cs_buf_reset(out);
	for (i = 0; i < pk->n; i++) {
		k = w->number(w->ctx, pk->key[i], pk->ws[i], pk->len[i]);
		/* A word the store does not take: packed here, in full. */
		if (k < 0)
			return store_body_pack_fields(out, subject, f, json,
			    len, scratch, w);
		cs_buf_add(out, pp->b.s + prev, pk->at[i] - prev);
		put_varint(out, (size_t)k << 2 | VAL_WORD);
		prev = pk->at[i] + pk->atlen[i];
	}
	cs_buf_add(out, pp->b.s + prev, pp->b.len - prev);
	return 0;
}

/* What a walk over a packed body meets. */
enum walk_kind { W_STRING, W_OPEN, W_CLOSE };

/*
 * Walk the packed body p (n bytes) of an event about subject: member
 * calls fn with each string member (its name and value, both n bytes,
 * the name NUL-terminated), each object opened (its name) and closed.
 * 0, -1 when p is not a packed body or fn returns -1.
 */
static int
walk(const unsigned char *p, size_t n, const char *subject,
    const struct store_words *w,
    int (*fn)(void *ctx, enum walk_kind k, const char *name, size_t nl,
    const char *v, size_t vl), void *ctx)
{
	const unsigned char *end = p + n;
	char date[11], lit[STORE_WORD_MAX + 1];
	const char *name, *v;
	int depth = 0;
	size_t h, nl, vl;

	if (n == 0 || *p++ != PACKED_V1)
		return -1;
	while (p < end) {
		unsigned c = *p++;

		if (c == KEY_CLOSE) {
			if (depth == 0 || fn(ctx, W_CLOSE, NULL, 0, NULL, 0))
				return -1;
			depth--;
			continue;
		}
		if (c == KEY_LITERAL) {
			if (get_varint(&p, end, &nl) != 0 ||
			    nl > (size_t)(end - p) || nl > STORE_WORD_MAX)
				return -1;
			memcpy(lit, p, nl);
			lit[nl] = '\0';
			name = lit;
			p += nl;
		} else if (c <= NKEYS) {
			name = keys[c - 1].name;
			nl = strlen(name);
		} else {
			return -1;
		}
		if (get_varint(&p, end, &h) != 0)
			return -1;
		switch (h & 3) {
		case VAL_MARK:
			if (h >> 2 == MARK_SUBJECT) {
				v = subject;
				vl = strlen(subject);
				break;
			}
			if (h >> 2 != MARK_OBJECT || depth > 0 ||
			    fn(ctx, W_OPEN, name, nl, NULL, 0) != 0)
				return -1;
			depth++;
			continue;
		case VAL_DATE:
			/* Up to the year 9999. */
			if (h >> 2 > 2958463)
				return -1;
			day_date((long)(h >> 2), date);
			v = date;
			vl = 10;
			break;
		case VAL_WORD:
			v = w->word(w->ctx, (long)(h >> 2), &vl);
			if (v == NULL)
				return -1;
			break;
		default:
			vl = h >> 2;
			if (vl > (size_t)(end - p))
				return -1;
			v = (const char *)p;
			p += vl;
		}
		if (fn(ctx, W_STRING, name, nl, v, vl) != 0)
			return -1;
	}
	return depth == 0 ? 0 : -1;
}

/* A walk that writes JSON: ctx is the struct json_out. */
struct json_out {
	struct cs_buf *b;
	int first;
};

static int
to_json(void *ctx, enum walk_kind k, const char *name, size_t nl,
    const char *v, size_t vl)
{
	struct json_out *o = ctx;

	if (k == W_CLOSE) {
		cs_buf_addc(o->b, '}');
		o->first = 0;
		return 0;
	}
	if (!o->first)
		cs_buf_addc(o->b, ',');
	cs_buf_add_json_str(o->b, name, nl);
	cs_buf_addc(o->b, ':');
	if (k == W_OPEN) {
		cs_buf_addc(o->b, '{');
		o->first = 1;
		return 0;
	}
	cs_buf_add_json_str(o->b, v, vl);
	o->first = 0;
	return 0;
}

int
store_body_unpack(struct cs_buf *out, const char *subject,
    const unsigned char *p, size_t n, const struct store_words *w)
{
	struct json_out o = { out, 1 };

	cs_buf_addc(out, '{');
	if (walk(p, n, subject, w, to_json, &o) != 0)
		return -1;
	cs_buf_addc(out, '}');
	return 0;
}

/* A walk that fills a field set: ctx is the struct fields_out. */
struct fields_out {
	struct cs_fields *f;
	size_t pos;			/* of the last column found */
	int extra;			/* in the object "extra" */
};

static int
to_fields(void *ctx, enum walk_kind k, const char *name, size_t nl,
    const char *v, size_t vl)
{
	struct fields_out *o = ctx;
	int c;

	(void)nl;
	if (k == W_CLOSE) {
		o->extra = 0;
		return 0;
	}
	if (k == W_OPEN) {
		if (strcmp(name, "extra") != 0)
			return -1;
		o->extra = 1;
		return 0;
	}
	if (o->extra) {
		cs_fields_add_extra(o->f, name, v, vl);
		return 0;
	}
	c = cs_schema_find_next(o->f->sc, name, &o->pos);
	if (c < 0)
		return -1;
	cs_fields_add(o->f, c, v, vl);
	return 0;
}

int
store_fields_from_packed(struct cs_fields *f, const char *subject,
    const unsigned char *p, size_t n, const struct store_words *w)
{
	struct fields_out o = { f, 0, 0 };
	int rc;

	cs_fields_clear(f);
	rc = walk(p, n, subject, w, to_fields, &o);
	/* The values are added without settling the pointers: once here. */
	cs_fields_settle(f);
	return rc;
}
