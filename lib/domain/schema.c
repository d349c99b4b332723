/*
 * The canonical columns of records and entity register rows, and binding
 * a stream header to them.
 */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "domain/schema.h"

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
	[R_FACTS] = { "facts", CK_TEXT, -1 },
	[R_PUBLICITY_END] = { "publicity_end", CK_DATE, -1 },
	/* The rule of severity.json that derived severity, if one did. */
	[R_SEVERITY_RULE] = { "severity_rule", CK_ID, -1 },
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
	R_DUE_ON, R_FACTS, R_FINE_10K_YUAN, R_ID, R_LEGAL_REP,
	R_LEGAL_REP_ID, R_LEGAL_REP_ID_TYPE, R_LICENSE_CATEGORY, R_NAME,
	R_NOTE, R_PARTY_CATEGORY, R_PENALTY_CATEGORY, R_PERSON_ID,
	R_PERSON_ID_TYPE, R_PERSON_NAME, R_PUBLICITY_END, R_REF, R_SEVERITY,
	R_SEVERITY_RULE, R_SOURCE, R_SOURCE_USCC, R_TYPE, R_USCC, R_VALID_FROM,
	R_VALID_UNTIL, R_VIOLATION_TYPE
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

int
cs_schema_find_next(const struct cs_schema *sc, const char *name,
    size_t *pos)
{
	size_t i;
	int c;

	/* Forward from *pos: the columns a body lacks are skipped. */
	for (i = *pos; i < sc->n; i++) {
		const char *cn = sc->cols[sc->sorted[i]].name;

		if (cn[0] == name[0] && strcmp(cn, name) == 0) {
			*pos = i + 1;
			return (int)sc->sorted[i];
		}
	}
	c = cs_schema_find(sc, name);
	for (i = 0; c >= 0 && i < sc->n; i++)
		if (sc->sorted[i] == (size_t)c)
			*pos = i + 1;
	return c;
}

/*
 * The columns the tools compute whose values are numbers or booleans, by
 * name (sorted).  A ticket stays text: its 77 digits are compared as a
 * decimal fraction, which a JSON number read as a double would lose.
 */
static const struct {
	const char *name;
	int type;
} computed_types[] = {
	{ "_line", CS_JT_INT },
	{ "capacity", CS_JT_INT },
	{ "disputed", CS_JT_BOOL },
	{ "done", CS_JT_INT },
	{ "entry_id", CS_JT_INT },
	{ "listed", CS_JT_BOOL },
	{ "objection_id", CS_JT_INT },
	{ "open", CS_JT_INT },
	{ "publicity_end_differs", CS_JT_BOOL },
	{ "published", CS_JT_BOOL },
	{ "rank", CS_JT_INT },
	{ "revoke", CS_JT_BOOL },
	{ "round", CS_JT_INT },
	{ "score", CS_JT_DECIMAL },
	{ "seq", CS_JT_INT },
	{ "targets", CS_JT_INT },
};

int
cs_column_jtype(const char *name)
{
	size_t i;
	int c;

	c = cs_schema_find(&cs_record_schema, name);
	if (c >= 0)
		return record_cols[c].kind == CK_DECIMAL ? CS_JT_DECIMAL :
		    record_cols[c].kind == CK_BOOL ? CS_JT_BOOL : CS_JT_TEXT;
	for (i = 0; i < sizeof(computed_types) / sizeof(computed_types[0]);
	    i++)
		if (strcmp(computed_types[i].name, name) == 0)
			return computed_types[i].type;
	return CS_JT_TEXT;
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
	/* An alias of a column outside the schema names the extra column. */
	if (name != NULL) {
		free(col);
		col = cs_xstrdup(name);
	}
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
	    strcmp(name, "disputed") == 0 || strcmp(name, "published") == 0 ||
	    strcmp(name, "publicity_until") == 0 ||
	    strcmp(name, "repair_from") == 0 ||
	    strcmp(name, "publicity_end_differs") == 0);
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
		/*
		 * The alias target when the header named an alias (the
		 * standard's 行政相对人代码_2 is stored as reg_no, as a feed
		 * that says reg_no is), else the column as the feed wrote it.
		 */
		b->xname[b->nx] = h->name[i];
		b->nx++;
	}
	b->hdr_n = h->n;
}

int
cs_binding_has(const struct cs_binding *b, int c)
{
	return b->col[c] >= 0 || b->set[c] != NULL;
}
