/*
 * Records and entity rows as field sets: filling, validation, canonical
 * JSON, differences and derived ids.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "domain/calendar.h"
#include "domain/record.h"
#include "domain/uscc.h"

void
cs_fields_init(struct cs_fields *f, const struct cs_schema *sc)
{
	memset(f, 0, sizeof(*f));
	f->sc = sc;
	cs_buf_init(&f->own);
	cs_fields_clear(f);
}

void
cs_fields_release(struct cs_fields *f)
{
	if (f == NULL)
		return;
	free(f->xname);
	free(f->xval);
	free(f->xlen);
	free(f->xnoff);
	free(f->xvoff);
	cs_buf_release(&f->own);
	memset(f, 0, sizeof(*f));
}

void
cs_fields_clear(struct cs_fields *f)
{
	size_t i;

	for (i = 0; i < CS_MAXCOLS; i++) {
		f->v[i] = NULL;
		f->vlen[i] = 0;
		f->voff[i] = -1;
	}
	f->nx = 0;
	cs_buf_reset(&f->own);
}

/* Recompute the pointers after own may have moved. */
static void
fix(struct cs_fields *f)
{
	size_t i;

	for (i = 0; i < f->sc->n; i++) {
		f->v[i] = f->voff[i] >= 0 ? f->own.s + f->voff[i] : NULL;
	}
	for (i = 0; i < f->nx; i++) {
		f->xname[i] = f->own.s + f->xnoff[i];
		f->xval[i] = f->own.s + f->xvoff[i];
	}
}

static int
space_at(const unsigned char *p, size_t n)
{
	if (n >= 1 && (p[0] == ' ' || p[0] == '\t' || p[0] == '\r' ||
	    p[0] == '\n'))
		return 1;
	if (n >= 3 && p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
		return 3;
	return 0;
}

/* Trim white space (also U+3000) from both ends of s[0..*n). */
static const char *
trim(const char *s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = *n;
	int w;

	while (len > 0 && (w = space_at(p, len)) > 0) {
		p += w;
		len -= (size_t)w;
	}
	for (;;) {
		if (len >= 1 && (p[len - 1] == ' ' || p[len - 1] == '\t' ||
		    p[len - 1] == '\r' || p[len - 1] == '\n'))
			len--;
		else if (len >= 3 && p[len - 3] == 0xe3 && p[len - 2] == 0x80 &&
		    p[len - 1] == 0x80)
			len -= 3;
		else
			break;
	}
	*n = len;
	return (const char *)p;
}

static long
own_add(struct cs_fields *f, const char *s, size_t n)
{
	long off = (long)f->own.len;

	cs_buf_add(&f->own, s, n);
	cs_buf_addc(&f->own, '\0');
	return off;
}

static void
put(struct cs_fields *f, int c, const char *s, size_t n)
{
	if (s != NULL)
		s = trim(s, &n);
	if (s == NULL || n == 0) {
		f->voff[c] = -1;
		f->vlen[c] = 0;
		return;
	}
	f->voff[c] = own_add(f, s, n);
	f->vlen[c] = n;
}

static void
put_extra(struct cs_fields *f, const char *name, const char *s, size_t n)
{
	size_t i;

	if (s != NULL)
		s = trim(s, &n);
	for (i = 0; i < f->nx; i++) {
		if (strcmp(f->own.s + f->xnoff[i], name) == 0)
			break;
	}
	if (s == NULL || n == 0) {
		if (i < f->nx) {
			memmove(f->xnoff + i, f->xnoff + i + 1,
			    (f->nx - i - 1) * sizeof(long));
			memmove(f->xvoff + i, f->xvoff + i + 1,
			    (f->nx - i - 1) * sizeof(long));
			memmove(f->xlen + i, f->xlen + i + 1,
			    (f->nx - i - 1) * sizeof(size_t));
			f->nx--;
		}
		return;
	}
	if (i == f->nx) {
		if (f->nx == f->capx) {
			f->capx = f->capx ? f->capx * 2 : 8;
			f->xname = cs_xreallocarray(f->xname, f->capx,
			    sizeof(char *));
			f->xval = cs_xreallocarray(f->xval, f->capx,
			    sizeof(char *));
			f->xlen = cs_xreallocarray(f->xlen, f->capx,
			    sizeof(size_t));
			f->xnoff = cs_xreallocarray(f->xnoff, f->capx,
			    sizeof(long));
			f->xvoff = cs_xreallocarray(f->xvoff, f->capx,
			    sizeof(long));
		}
		f->xnoff[i] = own_add(f, name, strlen(name));
		f->nx++;
	}
	f->xvoff[i] = own_add(f, s, n);
	f->xlen[i] = n;
}

void
cs_fields_put(struct cs_fields *f, int c, const char *s, size_t n)
{
	put(f, c, s, n);
	fix(f);
}

void
cs_fields_put_extra(struct cs_fields *f, const char *name, const char *val,
    size_t n)
{
	put_extra(f, name, val, n);
	fix(f);
}

void
cs_fields_add(struct cs_fields *f, int c, const char *s, size_t n)
{
	put(f, c, s, n);
}

void
cs_fields_add_extra(struct cs_fields *f, const char *name, const char *val,
    size_t n)
{
	put_extra(f, name, val, n);
}

void
cs_fields_settle(struct cs_fields *f)
{
	fix(f);
}

void
cs_fields_from_row(struct cs_fields *f, const struct cs_binding *b,
    const struct cs_row *row)
{
	size_t i;
	long j;

	cs_fields_clear(f);
	for (i = 0; i < b->sc->n; i++) {
		j = b->col[i];
		if (j >= 0 && (size_t)j < row->n && row->val[j] != NULL)
			put(f, (int)i, row->val[j], row->len[j]);
		if (f->voff[i] == -1 && b->set[i] != NULL)
			put(f, (int)i, b->set[i], strlen(b->set[i]));
	}
	for (i = 0; i < b->nx; i++) {
		j = b->xcol[i];
		if ((size_t)j < row->n && row->val[j] != NULL)
			put_extra(f, b->xname[i], row->val[j], row->len[j]);
	}
	for (i = 0; i < b->nxset; i++) {
		size_t k;

		for (k = 0; k < f->nx; k++)
			if (strcmp(f->own.s + f->xnoff[k],
			    b->xset_name[i]) == 0)
				break;
		if (k == f->nx)
			put_extra(f, b->xset_name[i], b->xset_val[i],
			    strlen(b->xset_val[i]));
	}
	fix(f);
}

/*
 * Replace column c with its normalised form s (copied).  Every value
 * pointer of f is renewed, since the copy may move the buffer.
 */
static void
set_norm(struct cs_fields *f, int c, const char *s)
{
	size_t n = strlen(s);

	f->voff[c] = own_add(f, s, n);
	f->vlen[c] = n;
	fix(f);
}

static int
decimal_valid(const char *s, size_t n)
{
	size_t i = 0, d = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9') {
		i++;
		d++;
	}
	if (d == 0)
		return 0;
	if (i == n)
		return 1;
	if (s[i++] != '.')
		return 0;
	d = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		i++;
		d++;
	}
	return d > 0 && i == n;
}

int
cs_id_valid(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 64)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || c == '.' || c == '_' ||
		    c == ':' || c == '-'))
			return 0;
	}
	return 1;
}

static int
vocab_check(const struct cs_vocab *v, struct cs_fields *f, int c,
    const char *what, char *msg, size_t msgsz)
{
	const char *val = cs_vocab_lookup(v, f->v[c], f->vlen[c]);
	char *list;

	if (val != NULL) {
		set_norm(f, c, val);
		return 0;
	}
	list = cs_vocab_list(v);
	snprintf(msg, msgsz, "%s '%s' is not %s: %s", f->sc->cols[c].name,
	    f->v[c], what, list);
	free(list);
	return -1;
}

static int
check_column(const struct cs_catalog *cat, struct cs_fields *f, int c,
    const struct cs_check_opts *o, char *msg, size_t msgsz, char *warn,
    size_t warnsz, int *warned)
{
	const struct cs_coldef *cd = &f->sc->cols[c];
	const char *s = f->v[c];
	size_t n = f->vlen[c], i;
	char out[19], w[512];
	int days, r;

	switch (cd->kind) {
	case CK_TEXT:
		return 0;
	case CK_ID:
		if (cs_id_valid(s, n))
			return 0;
		snprintf(msg, msgsz, "%s '%s' is not a valid id (1 to 64 "
		    "letters, digits, '.', '_', ':' or '-')", cd->name, s);
		return -1;
	case CK_USCC:
		r = cs_uscc_check(cat->uscc, cd->name, s, n, out,
		    msg, msgsz);
		if (r == CS_USCC_BAD)
			return -1;
		if (r == CS_USCC_PILOT) {
			if (!o->allow_pilot && (o->pilot_listed == NULL ||
			    !o->pilot_listed(o->pilot_ctx, out))) {
				size_t l = strlen(msg);

				snprintf(msg + l, msgsz - l, "; accept it with "
				    "--allow-pilot-codes or --pilot-list");
				return -1;
			}
			/* Accepted pilot code: the organisation code check
			 * does not apply to it. */
		}
		if (r == CS_USCC_WARN && !*warned) {
			snprintf(warn, warnsz, "%s", msg);
			*warned = 1;
		}
		set_norm(f, c, out);
		return 0;
	case CK_DATE:
		if (cs_date_parse(s, n, &days) != 0) {
			snprintf(msg, msgsz, "%s '%s' is not a valid date "
			    "(YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)", cd->name,
			    s);
			return -1;
		}
		cs_date_format(days, out);
		set_norm(f, c, out);
		return 0;
	case CK_DECIMAL:
		if (decimal_valid(s, n))
			return 0;
		snprintf(msg, msgsz, "%s '%s' is not a decimal number (digits "
		    "with an optional '.' part)", cd->name, s);
		return -1;
	case CK_BOOL:
		return vocab_check(&cat->booleans, f, c, "a boolean", msg,
		    msgsz);
	case CK_SEVERITY:
		return vocab_check(&cat->severities, f, c, "a severity", msg,
		    msgsz);
	case CK_DOMAIN:
		return vocab_check(&cat->domains, f, c, "a known domain", msg,
		    msgsz);
	case CK_KIND:
		return vocab_check(&cat->entity_kinds, f, c, "an entity kind",
		    msg, msgsz);
	case CK_STATUS:
		return vocab_check(&cat->entity_statuses, f, c,
		    "an entity status", msg, msgsz);
	case CK_TYPE:
		if (cs_catalog_type(cat, s, n) != NULL)
			return 0;
		snprintf(msg, msgsz, "unknown type '%s' (the types are in "
		    "catalog.json)", s);
		return -1;
	case CK_RESIDENT_ID:
		if (cd->idtype >= 0 && f->v[cd->idtype] != NULL &&
		    cs_vocab_lookup(&cat->resident_id_types, f->v[cd->idtype],
		    f->vlen[cd->idtype]) == NULL)
			return 0;	/* a passport or other document */
		if (cs_resident_id_check_masked(cat->uscc != NULL ?
		    cat->uscc->mask : NULL, cd->name, s, n, out, w,
		    sizeof(w)) != 0) {
			snprintf(msg, msgsz, "%s", w);
			return -1;
		}
		set_norm(f, c, out);
		return 0;
	case CK_REGION:
		for (i = 0; i < n; i++)
			if (s[i] < '0' || s[i] > '9')
				break;
		if (n == 6 && i == n)
			return 0;
		snprintf(msg, msgsz, "%s '%s' is not a six-digit region code",
		    cd->name, s);
		return -1;
	case CK_INDUSTRY:
		for (i = 1; i < n; i++)
			if (s[i] < '0' || s[i] > '9')
				break;
		if (n >= 1 && n <= 5 && s[0] >= 'A' && s[0] <= 'T' && i == n)
			return 0;
		snprintf(msg, msgsz, "%s '%s' is not a GB/T 4754 industry "
		    "code (a letter A-T and up to four digits)", cd->name, s);
		return -1;
	}
	return 0;
}

static int
check_record(const struct cs_catalog *cat, struct cs_fields *f,
    const struct cs_check_opts *o, char *msg, size_t msgsz)
{
	const struct cs_rtype *t = cs_catalog_type(cat, f->v[R_TYPE],
	    f->vlen[R_TYPE]);
	char d[11];
	size_t i;

	for (i = 0; i < R_NCOLS; i++) {
		if ((t->requires >> i & 1) && f->v[i] == NULL) {
			snprintf(msg, msgsz, "type '%s' requires column '%s'",
			    t->name, cs_record_schema.cols[i].name);
			return -1;
		}
	}
	cs_date_format(o->as_of, d);
	if (strcmp(f->v[R_DECIDED_ON], d) > 0) {
		snprintf(msg, msgsz, "decided_on '%s' is after the --as-of "
		    "date %s", f->v[R_DECIDED_ON], d);
		return -1;
	}
	if (f->v[R_VALID_FROM] && f->v[R_VALID_UNTIL] &&
	    strcmp(f->v[R_VALID_UNTIL], f->v[R_VALID_FROM]) < 0) {
		snprintf(msg, msgsz, "valid_until '%s' is before valid_from "
		    "'%s'", f->v[R_VALID_UNTIL], f->v[R_VALID_FROM]);
		return -1;
	}
	if ((t->requires >> R_DUE_ON & 1) && strcmp(f->v[R_DUE_ON],
	    f->v[R_DECIDED_ON]) < 0) {
		snprintf(msg, msgsz, "due_on '%s' is before decided_on '%s'",
		    f->v[R_DUE_ON], f->v[R_DECIDED_ON]);
		return -1;
	}
	return 0;
}

/*
 * Refuse a value of an ID number column (the mask's, and those of kind
 * CK_RESIDENT_ID) that was masked: stored, it would be lost for good.
 */
static int
check_masked(const struct cs_catalog *cat, const struct cs_fields *f,
    char *msg, size_t msgsz)
{
	const struct cs_mask *m = cat->uscc != NULL ? cat->uscc->mask : NULL;
	const char *name = NULL, *v = NULL;
	size_t i;

	for (i = 0; i < f->sc->n && v == NULL; i++)
		if (f->v[i] != NULL && (f->sc->cols[i].kind == CK_RESIDENT_ID ||
		    cs_mask_column(m, f->sc->cols[i].name)) &&
		    cs_mask_is_masked(m, f->v[i], f->vlen[i])) {
			name = f->sc->cols[i].name;
			v = f->v[i];
		}
	for (i = 0; i < f->nx && v == NULL; i++)
		if (cs_mask_column(m, f->xname[i]) &&
		    cs_mask_is_masked(m, f->xval[i], f->xlen[i])) {
			name = f->xname[i];
			v = f->xval[i];
		}
	if (v == NULL)
		return 0;
	snprintf(msg, msgsz, "%s '%s' is masked, as an export without "
	    "--unmasked writes it: give the whole number (cs-record export "
	    "--unmasked)", name, v);
	return -1;
}

int
cs_field_check_value(const struct cs_catalog *cat,
    const struct cs_schema *sc, int c, const char *value,
    const struct cs_check_opts *o, char *msg, size_t msgsz)
{
	struct cs_fields f;
	char warn[512];
	const char *near = NULL;
	size_t i, len;
	int warned = 0, r, best = 1000, d;

	cs_fields_init(&f, sc);
	cs_fields_put(&f, c, value, strlen(value));
	r = f.v[c] == NULL ? 0 : check_column(cat, &f, c, o, msg, msgsz,
	    warn, sizeof(warn), &warned);
	cs_fields_release(&f);
	if (r == 0 || sc->cols[c].kind != CK_TYPE)
		return r;
	for (i = 0; i < cat->ntypes; i++) {
		d = cs_nearness(cat->types[i].name, value);
		if (d >= 0 && d < best) {
			best = d;
			near = cat->types[i].name;
		}
	}
	len = (size_t)snprintf(msg, msgsz, "unknown type '%s'", value);
	if (near != NULL && len < msgsz)
		len += (size_t)snprintf(msg + len, msgsz - len, " (did you mean "
		    "'%s'?)", near);
	if (len < msgsz)
		len += (size_t)snprintf(msg + len, msgsz - len, "; the types "
		    "are ");
	for (i = 0; i < cat->ntypes && len < msgsz; i++)
		len += (size_t)snprintf(msg + len, msgsz - len, "%s%s", i ? ", " :
		    "", cat->types[i].name);
	return -1;
}

int
cs_fields_check(const struct cs_catalog *cat, struct cs_fields *f,
    const struct cs_check_opts *o, char *msg, size_t msgsz, char *warn,
    size_t warnsz)
{
	size_t i;
	int warned = 0, rec = f->sc == &cs_record_schema;

	warn[0] = '\0';
	if (rec) {
		for (i = 0; i < R_NCOLS; i++) {
			if ((cat->required >> i & 1) && f->v[i] == NULL) {
				snprintf(msg, msgsz, "required column '%s' "
				    "is empty", cs_record_schema.cols[i].name);
				return -1;
			}
		}
	} else {
		if (f->v[E_USCC] == NULL) {
			snprintf(msg, msgsz, "required column 'uscc' is "
			    "empty");
			return -1;
		}
		if (f->v[E_NAME] == NULL) {
			snprintf(msg, msgsz, "required column 'name' is "
			    "empty");
			return -1;
		}
	}
	if (check_masked(cat, f, msg, msgsz) != 0)
		return -1;
	/* The type first: its requirements explain the other columns. */
	if (rec && check_column(cat, f, R_TYPE, o, msg, msgsz, warn, warnsz,
	    &warned) != 0)
		return -1;
	for (i = 0; i < f->sc->n; i++) {
		if (f->v[i] == NULL || (rec && i == R_TYPE))
			continue;
		if (check_column(cat, f, (int)i, o, msg, msgsz, warn, warnsz,
		    &warned) != 0)
			return -1;
	}
	if (rec && check_record(cat, f, o, msg, msgsz) != 0)
		return -1;
	return warned;
}

static void
fields_json(const struct cs_fields *f, struct cs_buf *b, int skip,
    int with_extra)
{
	size_t i, j, k, *order;
	int first = 1, extra_done = f->nx == 0 || !with_extra;

	cs_buf_addc(b, '{');
	for (k = 0; k <= f->sc->n; k++) {
		const char *name = k < f->sc->n ?
		    f->sc->cols[f->sc->sorted[k]].name : NULL;

		if (!extra_done && (name == NULL || strcmp("extra",
		    name) < 0)) {
			/* Extra columns, sorted by name (insertion sort: few). */
			order = cs_xcalloc(f->nx, sizeof(size_t));
			for (i = 0; i < f->nx; i++) {
				for (j = i; j > 0 && strcmp(f->xname[order[j -
				    1]], f->xname[i]) > 0; j--)
					order[j] = order[j - 1];
				order[j] = i;
			}
			if (!first)
				cs_buf_addc(b, ',');
			cs_buf_adds(b, "\"extra\":{");
			for (i = 0; i < f->nx; i++) {
				if (i > 0)
					cs_buf_addc(b, ',');
				cs_buf_add_json_str(b, f->xname[order[i]],
				    strlen(f->xname[order[i]]));
				cs_buf_addc(b, ':');
				cs_buf_add_json_str(b, f->xval[order[i]],
				    f->xlen[order[i]]);
			}
			cs_buf_addc(b, '}');
			free(order);
			first = 0;
			extra_done = 1;
		}
		if (name == NULL)
			break;
		i = f->sc->sorted[k];
		if (f->v[i] == NULL || (int)i == skip)
			continue;
		if (!first)
			cs_buf_addc(b, ',');
		cs_buf_add_json_str(b, name, strlen(name));
		cs_buf_addc(b, ':');
		cs_buf_add_json_str(b, f->v[i], f->vlen[i]);
		first = 0;
	}
	cs_buf_addc(b, '}');
}

void
cs_fields_json(const struct cs_fields *f, struct cs_buf *b, int skip)
{
	fields_json(f, b, skip, 1);
}

void
cs_record_derive_id(const struct cs_fields *f, char out[17])
{
	struct cs_buf b;
	char hex[65];

	cs_buf_init(&b);
	if (f->v[R_DOC_NO] != NULL) {
		static const int key[] = { R_TYPE, R_AUTHORITY, R_DOC_NO,
		    R_USCC };
		size_t i;

		cs_buf_addc(&b, '[');
		for (i = 0; i < 4; i++) {
			const char *s = f->v[key[i]] ? f->v[key[i]] : "";

			if (i > 0)
				cs_buf_addc(&b, ',');
			cs_buf_add_json_str(&b, s, strlen(s));
		}
		cs_buf_addc(&b, ']');
	} else {
		/* The record's own columns: not what a feed passes through. */
		fields_json(f, &b, R_ID, 0);
	}
	cs_sha256_hex(b.s, b.len, hex);
	memcpy(out, hex, 16);
	out[16] = '\0';
	cs_buf_release(&b);
}

/*
 * A member "name":val (val NULL: null) of a canonical JSON object.  JSON
 * strings are UTF-8: a name or value that is not is left out.  Returns 1
 * when written.
 */
static int
add_member(struct cs_buf *b, int *first, const char *name, const char *val)
{
	size_t bad;

	if (!cs_utf8_valid(name, strlen(name), &bad) || (val != NULL &&
	    !cs_utf8_valid(val, strlen(val), &bad)))
		return 0;
	if (!*first)
		cs_buf_addc(b, ',');
	*first = 0;
	cs_buf_add_json_str(b, name, strlen(name));
	cs_buf_addc(b, ':');
	if (val == NULL)
		cs_buf_adds(b, "null");
	else
		cs_buf_add_json_str(b, val, strlen(val));
	return 1;
}

/* An extra column that changed: its new value, or NULL when removed. */
struct xchange {
	const char *name;
	const char *val;
};

static int
xchange_cmp(const void *a, const void *b)
{
	return strcmp(((const struct xchange *)a)->name,
	    ((const struct xchange *)b)->name);
}

/* The "extra" member of a difference; returns the columns written. */
static int
diff_extra(const struct cs_fields *old, const struct cs_fields *new,
    struct cs_buf *out, int *first)
{
	struct xchange *x = cs_xcalloc(old->nx + new->nx + 1, sizeof(*x));
	size_t i, j, n = 0;
	struct cs_buf b;
	int written = 0, xfirst = 1;

	for (i = 0; i < new->nx; i++) {
		for (j = 0; j < old->nx; j++)
			if (strcmp(old->xname[j], new->xname[i]) == 0)
				break;
		if (j == old->nx || strcmp(old->xval[j], new->xval[i]) != 0)
			x[n++] = (struct xchange){ new->xname[i],
			    new->xval[i] };
	}
	for (j = 0; j < old->nx; j++) {
		for (i = 0; i < new->nx; i++)
			if (strcmp(old->xname[j], new->xname[i]) == 0)
				break;
		if (i == new->nx)
			x[n++] = (struct xchange){ old->xname[j], NULL };
	}
	qsort(x, n, sizeof(*x), xchange_cmp);
	cs_buf_init(&b);
	for (i = 0; i < n; i++)
		written += add_member(&b, &xfirst, x[i].name, x[i].val);
	if (written > 0) {
		if (!*first)
			cs_buf_addc(out, ',');
		*first = 0;
		cs_buf_adds(out, "\"extra\":{");
		cs_buf_add(out, b.s, b.len);
		cs_buf_addc(out, '}');
	}
	cs_buf_release(&b);
	free(x);
	return written;
}

int
cs_fields_diff(const struct cs_fields *old, const struct cs_fields *new,
    struct cs_buf *out)
{
	const struct cs_schema *sc = &cs_record_schema;
	size_t k, i;
	int n = 0, first = 1, extra_done = 0;

	cs_buf_reset(out);
	cs_buf_addc(out, '{');
	for (k = 0; k <= sc->n; k++) {
		const char *name = k < sc->n ? sc->cols[sc->sorted[k]].name :
		    NULL, *a, *b;

		if (!extra_done && (name == NULL || strcmp("extra",
		    name) < 0)) {
			n += diff_extra(old, new, out, &first);
			extra_done = 1;
		}
		if (name == NULL)
			break;
		i = sc->sorted[k];
		a = old->v[i];
		b = new->v[i];
		if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0)) {
			add_member(out, &first, name, b);
			n++;
		}
	}
	cs_buf_addc(out, '}');
	return n;
}

void
cs_fields_apply(struct cs_fields *f, const struct cs_binding *b,
    const struct cs_row *row, const char *const *clears, size_t nclears)
{
	const char *v;
	size_t i;
	long j;
	int col;

	for (i = 0; i < f->sc->n; i++) {
		j = b->col[i];
		if ((f->sc == &cs_record_schema && i == R_ID) || j < 0 ||
		    (v = cs_row_get(row, j)) == NULL)
			continue;
		if (v[strspn(v, " \t")] != '\0')
			cs_fields_put(f, (int)i, v, row->len[j]);
	}
	for (i = 0; i < b->nx; i++) {
		v = cs_row_get(row, b->xcol[i]);
		if (v != NULL && v[strspn(v, " \t")] != '\0')
			cs_fields_put_extra(f, b->xname[i], v,
			    row->len[b->xcol[i]]);
	}
	for (i = 0; i < nclears; i++) {
		col = cs_schema_find(f->sc, clears[i]);
		if (f->sc == &cs_record_schema && col == R_ID)
			continue;
		if (col >= 0)
			cs_fields_put(f, col, NULL, 0);
		else
			cs_fields_put_extra(f, clears[i], NULL, 0);
	}
}
