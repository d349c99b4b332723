/*
 * Records and entity rows: columns, binding, validation, canonical JSON
 * and derived ids.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "domain/calendar.h"
#include "domain/record.h"
#include "domain/uscc.h"
#include "rules/rules.h"

static const struct cs_coldef record_cols[R_NCOLS] = {
	[R_ID] = { "id", CK_ID, -1 },
	[R_USCC] = { "uscc", CK_USCC, -1 },
	[R_NAME] = { "name", CK_TEXT, -1 },
	[R_TYPE] = { "type", CK_TYPE, -1 },
	[R_SEVERITY] = { "severity", CK_SEVERITY, -1 },
	[R_AUTHORITY] = { "authority", CK_TEXT, -1 },
	[R_AUTHORITY_USCC] = { "authority_uscc", CK_USCC, -1 },
	[R_DOC_NO] = { "doc_no", CK_TEXT, -1 },
	[R_DECIDED_ON] = { "decided_on", CK_DATE, -1 },
	[R_VALID_FROM] = { "valid_from", CK_DATE, -1 },
	[R_VALID_UNTIL] = { "valid_until", CK_DATE, -1 },
	[R_DUE_ON] = { "due_on", CK_DATE, -1 },
	[R_REF] = { "ref", CK_ID, -1 },
	[R_AMOUNT] = { "amount", CK_DECIMAL, -1 },
	[R_FINE_10K_YUAN] = { "fine_10k_yuan", CK_DECIMAL, -1 },
	[R_BASIS] = { "basis", CK_TEXT, -1 },
	[R_CONTENT] = { "content", CK_TEXT, -1 },
	[R_SOURCE] = { "source", CK_TEXT, -1 },
	[R_DOMAIN] = { "domain", CK_DOMAIN, -1 },
	[R_CERTIFIED] = { "certified", CK_BOOL, -1 },
	[R_DISHONEST_DEBTOR] = { "dishonest_debtor", CK_BOOL, -1 },
	[R_PERSON_NAME] = { "person_name", CK_TEXT, -1 },
	[R_PERSON_ID] = { "person_id", CK_RESIDENT_ID, R_PERSON_ID_TYPE },
	[R_NOTE] = { "note", CK_TEXT, -1 },
	[R_VIOLATION_TYPE] = { "violation_type", CK_TEXT, -1 },
	[R_PENALTY_CATEGORY] = { "penalty_category", CK_TEXT, -1 },
	[R_LICENSE_CATEGORY] = { "license_category", CK_TEXT, -1 },
	[R_PARTY_CATEGORY] = { "party_category", CK_TEXT, -1 },
	[R_SOURCE_USCC] = { "source_uscc", CK_USCC, -1 },
	[R_PERSON_ID_TYPE] = { "person_id_type", CK_TEXT, -1 },
	[R_LEGAL_REP] = { "legal_rep", CK_TEXT, -1 },
	[R_LEGAL_REP_ID_TYPE] = { "legal_rep_id_type", CK_TEXT, -1 },
	[R_LEGAL_REP_ID] = { "legal_rep_id", CK_RESIDENT_ID,
	    R_LEGAL_REP_ID_TYPE },
};

static const struct cs_coldef entity_cols[E_NCOLS] = {
	[E_USCC] = { "uscc", CK_USCC, -1 },
	[E_NAME] = { "name", CK_TEXT, -1 },
	[E_KIND] = { "kind", CK_KIND, -1 },
	[E_REGION] = { "region", CK_REGION, -1 },
	[E_INDUSTRY] = { "industry", CK_INDUSTRY, -1 },
	[E_LEGAL_REP] = { "legal_rep", CK_TEXT, -1 },
	[E_LEGAL_REP_ID] = { "legal_rep_id", CK_RESIDENT_ID, -1 },
	[E_REGISTERED_ON] = { "registered_on", CK_DATE, -1 },
	[E_STATUS] = { "status", CK_STATUS, -1 },
};

/* Column indexes sorted by name (bytes), for canonical JSON. */
static const size_t record_sorted[R_NCOLS] = {
	R_AMOUNT, R_AUTHORITY, R_AUTHORITY_USCC, R_BASIS, R_CERTIFIED,
	R_CONTENT, R_DECIDED_ON, R_DISHONEST_DEBTOR, R_DOC_NO, R_DOMAIN,
	R_DUE_ON, R_FINE_10K_YUAN, R_ID, R_LEGAL_REP, R_LEGAL_REP_ID,
	R_LEGAL_REP_ID_TYPE, R_LICENSE_CATEGORY, R_NAME, R_NOTE,
	R_PARTY_CATEGORY, R_PENALTY_CATEGORY, R_PERSON_ID, R_PERSON_ID_TYPE,
	R_PERSON_NAME, R_REF, R_SEVERITY, R_SOURCE, R_SOURCE_USCC, R_TYPE,
	R_USCC, R_VALID_FROM, R_VALID_UNTIL, R_VIOLATION_TYPE
};

static const size_t entity_sorted[E_NCOLS] = {
	E_INDUSTRY, E_KIND, E_LEGAL_REP, E_LEGAL_REP_ID, E_NAME,
	E_REGION, E_REGISTERED_ON, E_STATUS, E_USCC
};

const struct cs_schema cs_record_schema = {
	"record", R_NCOLS, record_cols, record_sorted
};
const struct cs_schema cs_entity_schema = {
	"entity", E_NCOLS, entity_cols, entity_sorted
};

int
cs_schema_find(const struct cs_schema *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->n; i++)
		if (strcmp(sc->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

void
cs_binding_init(struct cs_binding *b, const struct cs_schema *sc)
{
	size_t i;

	memset(b, 0, sizeof(*b));
	b->sc = sc;
	for (i = 0; i < CS_MAXCOLS; i++)
		b->col[i] = -1;
	b->hdr_n = (size_t)-1;
}

void
cs_binding_release(struct cs_binding *b)
{
	size_t i;

	if (b == NULL)
		return;
	free(b->xcol);
	free(b->xname);
	for (i = 0; i < b->nxset; i++) {
		free(b->xset_name[i]);
		free(b->xset_val[i]);
	}
	free(b->xset_name);
	free(b->xset_val);
	for (i = 0; i < CS_MAXCOLS; i++)
		free((char *)b->set[i]);
	memset(b, 0, sizeof(*b));
}

int
cs_binding_set(struct cs_binding *b, const struct cs_aliases *al,
    const char *assignment)
{
	const char *eq = strchr(assignment, '=');
	const char *name;
	char *col;
	int c;

	if (eq == NULL || eq == assignment)
		return -1;
	col = cs_xstrndup(assignment, (size_t)(eq - assignment));
	name = cs_aliases_lookup(al, col);
	c = cs_schema_find(b->sc, name ? name : col);
	if (c >= 0) {
		free((char *)b->set[c]);
		b->set[c] = cs_xstrdup(eq + 1);
		free(col);
		return 0;
	}
	b->xset_name = cs_xreallocarray(b->xset_name, b->nxset + 1,
	    sizeof(char *));
	b->xset_val = cs_xreallocarray(b->xset_val, b->nxset + 1,
	    sizeof(char *));
	b->xset_name[b->nxset] = col;
	b->xset_val[b->nxset] = cs_xstrdup(eq + 1);
	b->nxset++;
	return 0;
}

static int
ignored(const struct cs_binding *b, const char *name)
{
	const struct cs_schema *sc = b->sc;
	const char *const *r;

	if (name[0] == '_')
		return 1;
	for (r = b->reserved; r != NULL && *r != NULL; r++)
		if (strcmp(*r, name) == 0)
			return 1;
	return sc == &cs_record_schema && (strcmp(name, "seq") == 0 ||
	    strcmp(name, "disputed") == 0);
}

void
cs_binding_bind(struct cs_binding *b, const struct cs_header *h)
{
	size_t i;
	int c;

	if (b->hdr_n == h->n)
		return;
	for (i = 0; i < CS_MAXCOLS; i++)
		b->col[i] = -1;
	b->nx = 0;
	for (i = 0; i < h->n; i++) {
		if (ignored(b, h->name[i]))
			continue;
		c = cs_schema_find(b->sc, h->name[i]);
		if (c >= 0) {
			b->col[c] = (long)i;
			continue;
		}
		if (b->nx == b->capx) {
			b->capx = b->capx ? b->capx * 2 : 8;
			b->xcol = cs_xreallocarray(b->xcol, b->capx,
			    sizeof(long));
			b->xname = cs_xreallocarray(b->xname, b->capx,
			    sizeof(char *));
		}
		b->xcol[b->nx] = (long)i;
		b->xname[b->nx] = h->orig[i];
		b->nx++;
	}
	b->hdr_n = h->n;
}

int
cs_binding_has(const struct cs_binding *b, int c)
{
	return b->col[c] >= 0 || b->set[c] != NULL;
}

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
check_column(const struct cs_rules *ru, struct cs_fields *f, int c,
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
		r = cs_uscc_check(ru ? &ru->uscc : NULL, cd->name, s, n, out,
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
		return vocab_check(&ru->booleans, f, c, "a boolean", msg,
		    msgsz);
	case CK_SEVERITY:
		return vocab_check(&ru->severities, f, c, "a severity", msg,
		    msgsz);
	case CK_DOMAIN:
		return vocab_check(&ru->domains, f, c, "a known domain", msg,
		    msgsz);
	case CK_KIND:
		return vocab_check(&ru->entity_kinds, f, c, "an entity kind",
		    msg, msgsz);
	case CK_STATUS:
		return vocab_check(&ru->entity_statuses, f, c,
		    "an entity status", msg, msgsz);
	case CK_TYPE:
		if (cs_rules_type(ru, s, n) != NULL)
			return 0;
		snprintf(msg, msgsz, "unknown type '%s' (the types are in "
		    "catalog.json)", s);
		return -1;
	case CK_RESIDENT_ID:
		if (cd->idtype >= 0 && f->v[cd->idtype] != NULL &&
		    cs_vocab_lookup(&ru->resident_id_types, f->v[cd->idtype],
		    f->vlen[cd->idtype]) == NULL)
			return 0;	/* a passport or other document */
		if (cs_resident_id_check_masked(cd->name, s, n, out, w,
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
check_record(const struct cs_rules *ru, struct cs_fields *f,
    const struct cs_check_opts *o, char *msg, size_t msgsz)
{
	const struct cs_rtype *t = cs_rules_type(ru, f->v[R_TYPE],
	    f->vlen[R_TYPE]);
	char d[11];
	size_t i;

	for (i = 0; i < R_NCOLS; i++) {
		if ((t->requires >> i & 1) && f->v[i] == NULL) {
			snprintf(msg, msgsz, "type '%s' requires column '%s'",
			    t->name, record_cols[i].name);
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

int
cs_fields_check(const struct cs_rules *ru, struct cs_fields *f,
    const struct cs_check_opts *o, char *msg, size_t msgsz, char *warn,
    size_t warnsz)
{
	size_t i;
	int warned = 0, rec = f->sc == &cs_record_schema;

	warn[0] = '\0';
	if (rec) {
		for (i = 0; i < R_NCOLS; i++) {
			if ((ru->required >> i & 1) && f->v[i] == NULL) {
				snprintf(msg, msgsz, "required column '%s' "
				    "is empty", record_cols[i].name);
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
	/* The type first: its requirements explain the other columns. */
	if (rec && check_column(ru, f, R_TYPE, o, msg, msgsz, warn, warnsz,
	    &warned) != 0)
		return -1;
	for (i = 0; i < f->sc->n; i++) {
		if (f->v[i] == NULL || (rec && i == R_TYPE))
			continue;
		if (check_column(ru, f, (int)i, o, msg, msgsz, warn, warnsz,
		    &warned) != 0)
			return -1;
	}
	if (rec && check_record(ru, f, o, msg, msgsz) != 0)
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

int
cs_fields_from_json(struct cs_fields *f, const void *obj)
{
	const json_t *o = obj;
	const char *k, *xk;
	json_t *v, *xv;
	int c;

	cs_fields_clear(f);
	if (!json_is_object(o))
		return -1;
	json_object_foreach((json_t *)o, k, v) {
		if (strcmp(k, "extra") == 0 && json_is_object(v)) {
			json_object_foreach(v, xk, xv) {
				if (!json_is_string(xv))
					return -1;
				put_extra(f, xk, json_string_value(xv),
				    json_string_length(xv));
			}
			continue;
		}
		c = cs_schema_find(f->sc, k);
		if (c < 0 || !json_is_string(v))
			return -1;
		put(f, c, json_string_value(v), json_string_length(v));
	}
	fix(f);
	return 0;
}

int
cs_fields_diff(const struct cs_fields *old, const struct cs_fields *new,
    struct cs_buf *out)
{
	json_t *o = json_object(), *x;
	size_t i, j;
	int n = 0;

	for (i = 0; i < R_NCOLS; i++) {
		const char *a = old->v[i], *b = new->v[i];

		if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0)) {
			json_object_set_new(o, cs_record_schema.cols[i].name,
			    b ? json_string(b) : json_null());
			n++;
		}
	}
	x = json_object();
	for (i = 0; i < new->nx; i++) {
		for (j = 0; j < old->nx; j++)
			if (strcmp(old->xname[j], new->xname[i]) == 0)
				break;
		if (j == old->nx || strcmp(old->xval[j], new->xval[i]) != 0)
			json_object_set_new(x, new->xname[i],
			    json_string(new->xval[i]));
	}
	for (j = 0; j < old->nx; j++) {
		for (i = 0; i < new->nx; i++)
			if (strcmp(old->xname[j], new->xname[i]) == 0)
				break;
		if (i == new->nx)
			json_object_set_new(x, old->xname[j], json_null());
	}
	if (json_object_size(x) > 0) {
		n += (int)json_object_size(x);
		json_object_set_new(o, "extra", x);
	} else {
		json_decref(x);
	}
	cs_buf_reset(out);
	cs_canon_json(o, out);
	json_decref(o);
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
