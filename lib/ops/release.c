/*
 * Cutting a release: the published files written from the store
 * (licences and penalties merged in step with their delta, lists,
 * repairs, inspections), withdrawn.csv and ended.csv, and the body of
 * the release event.  The delta is release_delta.c's, the directory,
 * the checkpoint and the manifest release_dir.c's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"

#include "ops/entries.h"
#include "ops/release_internal.h"
#include "ops/reports.h"
#include "rules/list_rules.h"

static const char *const withdrawn_cols[] = {
	"id", "file", "uscc", "name", "doc_no", "authority", "decided_on",
	"withdrawn_on", "reason"
};
static const char *const ended_cols[] = {
	"id", "file", "uscc", "name", "doc_no", "authority", "decided_on",
	"publicity_until", "rule"
};
static const char *const repairs_cols[] = {
	"id", "uscc", "name", "doc_no", "authority", "decided_on",
	"repaired_on", "publicity_until", "basis"
};

enum { COL_UNTIL = -2, COL_SEQ = -3 };

/* The column of the record schema behind col, once per file. */
static int
column_of(const char *col)
{
	if (strcmp(col, "publicity_until") == 0)
		return COL_UNTIL;
	if (strcmp(col, "seq") == 0)
		return COL_SEQ;
	return cs_schema_find(&cs_record_schema, col);
}

/* The value of column c (column_of) of a published record row. */
static const char *
value(struct build *b, int c, const struct cs_pubinfo *pi,
    const struct cs_recmeta *m, char until[11], char seq[32])
{
	char *p;
	long n;

	/* Per row of a million: no printf here. */
	if (c == COL_UNTIL) {
		if (!pi->windowed || pi->last < 0)
			return "2099-12-31";
		cs_date_format(pi->last, until);
		return until;
	}
	if (c == COL_SEQ) {
		p = seq + 31;
		*p = '\0';
		n = m->seq < 0 ? -m->seq : m->seq;
		do
			*--p = (char)('0' + n % 10);
		while ((n /= 10) > 0);
		if (m->seq < 0)
			*--p = '-';
		return p;
	}
	return c >= 0 ? b->f.v[c] : NULL;
}

/*
 * repairs.csv: the records whose publicity a repair ended and that are
 * repaired on as_of (a revoked repair is not), by id; repaired_on is
 * the grant day, the last day of publicity.
 */
static int
write_repairs(struct build *b, struct cs_error *err)
{
	FILE *fp = cs_release_create(b, "repairs.csv", err);
	struct cs_writer *w;
	struct cs_recinfo ri;
	const char *v[9];
	char on[11], basis[48];
	size_t i;
	int r;

	if (fp == NULL)
		return -1;
	w = cs_writer_new(fp, CS_FMT_CSV, 9, repairs_cols);
	cs_writer_begin(w);
	for (i = 0; i < b->nrep; i++) {
		const struct rep *p = &b->rep[i];

		if (i + 1 < b->nrep && strcmp(p->id, p[1].id) == 0)
			continue;	/* an older application */
		if (b->in->as_of < p->from || (p->resumed >= 0 &&
		    b->in->as_of >= p->resumed))
			continue;
		r = cs_store_record_info(b->in->st, p->id, &ri, err);
		if (r < 0 || (r == 1 && cs_store_record_version(b->in->st,
		    ri.seq, &b->g, err) != 0)) {
			cs_writer_close(w, NULL);
			fclose(fp);
			return -1;
		}
		if (r == 0)
			continue;
		cs_date_format(p->from - 1, on);
		cs_fmt(basis, sizeof(basis), "repair application %ld",
		    p->app);
		v[0] = p->id;
		v[1] = b->g.v[R_USCC];
		v[2] = b->g.v[R_NAME];
		v[3] = b->g.v[R_DOC_NO];
		v[4] = b->g.v[R_AUTHORITY];
		v[5] = b->g.v[R_DECIDED_ON];
		v[6] = on;
		v[7] = on;
		v[8] = basis;
		cs_writer_row(w, v, NULL);
	}
	if (cs_release_writer_close(b, w, "repairs.csv", 1, err) != 0) {
		fclose(fp);
		return -1;
	}
	return cs_release_finish(b, fp, "repairs.csv", err);
}

/*
 * The ids published before, read in step with the records (both by id):
 * one merge instead of a look-up per row.
 */
struct pubscan {
	struct cs_store_iter *it;
	const char *id;			/* the current one, when more */
	int more;
};

/* Was id published before?  1 or 0, -1 with err. */
static int
pub_before(struct pubscan *p, const char *id, struct cs_error *err)
{
	while (p->more == 1 && strcmp(p->id, id) < 0)
		p->more = cs_store_next_published(p->it, &p->id, err);
	if (p->more < 0)
		return -1;
	return p->more == 1 && strcmp(p->id, id) == 0;
}

/*
 * licences.csv or penalties.csv: the records of type published on as_of,
 * by id, and their delta against the previous release, merged in step.
 */
static int
write_records(struct build *b, const struct cs_pubfile *pf, const char *type,
    struct cs_error *err)
{
	const struct cs_release_in *in = b->in;
	const char *types[1] = { type };
	/*
	 * Bare: the release judges repairs from its own list (b->rep, read
	 * once) and publishes a disputed record all the same, so the
	 * records query looks up neither per row.
	 */
	struct cs_record_filter flt = { .types = types, .ntypes = 1,
	    .by_id = 1, .bare = 1 };
	const char **names = cs_xcalloc(pf->n, sizeof(char *));
	char **v = cs_xcalloc(pf->n, sizeof(char *));
	int *col = cs_xcalloc(pf->n, sizeof(int));
	char *mask = cs_xcalloc(pf->n, 1);
	char (*mbuf)[64] = cs_xcalloc(pf->n, sizeof(*mbuf));
	struct cs_store_iter *it = NULL;
	struct pubscan ps = { 0 };
	struct cs_writer *w;
	struct cs_pubinfo pi;
	struct cs_pubrec pr;
	struct cs_recmeta m;
	struct oldrows o;
	struct cs_buf key, all;
	unsigned char h[32];
	char until[11], seq[32];
	long rows = 0;
	size_t i;
	FILE *fp;
	int r = -1;

	cs_buf_init(&key);
	cs_buf_init(&all);
	if (cs_release_old_open(b, pf->name, &o, err) != 0)
		goto out;
	fp = cs_release_create(b, pf->name, err);
	if (fp == NULL)
		goto out;
	for (i = 0; i < pf->n; i++) {
		names[i] = cs_pubfile_header(pf, i, in->style);
		col[i] = column_of(pf->col[i]);
		mask[i] = cs_mask_column(&in->ru->mask, pf->col[i]) != 0;
	}
	w = cs_writer_new(fp, CS_FMT_CSV, pf->n, names);
	cs_writer_begin(w);
	if (cs_store_iter_records(in->st, &flt, &it, err) != 0 ||
	    cs_store_iter_published(in->st, &ps.it, err) != 0 ||
	    (ps.more = cs_store_next_published(ps.it, &ps.id, err)) < 0) {
		cs_store_iter_free(it);
		cs_writer_close(w, NULL);
		fclose(fp);
		goto out;
	}
	b->stream = 1;
	while ((r = cs_store_next_record(it, &b->f, &m, err)) == 1) {
		if (m.rid > in->cut || m.seq > in->cut)
			continue;
		cs_pubrec_of_fields(&pr, &b->f, m.revoked);
		cs_release_with_repair(b, b->f.v[R_ID], &pr);
		/* Why is not read here: the quiet judgement. */
		cs_publicity_judge_quiet(&in->ru->pub, &pr, in->as_of, &pi);
		if (!pi.published || cs_disclose_minor(in->dc,
		    &in->ru->cat.resident_id_types, &b->f, pr.decided))
			continue;
		for (i = 0; i < pf->n; i++) {
			v[i] = (char *)value(b, col[i], &pi, &m, until, seq);
			if (v[i] != NULL && mask[i] && strlen(v[i]) <
			    sizeof(mbuf[i]))
				v[i] = (char *)cs_mask_id(&in->ru->mask, v[i],
				    strlen(v[i]), mbuf[i]);
		}
		cs_writer_row(w, (const char **)v, NULL);
		rows++;
		if (o.r != NULL) {
			cs_release_row_digest(v, NULL, pf->n, 1, &key, &all, h);
		} else {
			/* Nothing to compare with: only the key is needed. */
			cs_buf_reset(&key);
			if (v[0] != NULL)
				cs_buf_adds(&key, v[0]);
		}
		r = cs_release_old_match(b, &o, pf->name, key.s, h, err);
		if (r == 0)
			r = pub_before(&ps, b->f.v[R_ID], err);
		if (r < 0)
			break;
		if (r == 0)
			cs_release_id_add(b, 0, b->f.v[R_ID]);
	}
	if (r == 0)
		r = cs_release_old_until(b, &o, pf->name, NULL, err);
	b->stream = 0;
	cs_store_iter_free(it);
	cs_store_iter_free(ps.it);
	ps.it = NULL;
	if (cs_release_writer_close(b, w, pf->name, r == 0, err) != 0)
		r = -1;
	if (r < 0) {
		fclose(fp);
		goto out;
	}
	b->known[strcmp(type, "license") == 0 ? 0 : 1].name = pf->name;
	b->known[strcmp(type, "license") == 0 ? 0 : 1].rows = rows;
	r = cs_release_finish(b, fp, pf->name, err);
out:
	cs_store_iter_free(ps.it);
	cs_release_old_close(&o);
	cs_buf_release(&key);
	cs_buf_release(&all);
	free(names);
	free(v);
	free(col);
	free(mask);
	free(mbuf);
	return r < 0 ? -1 : 0;
}

static int
write_lists(struct build *b, struct cs_error *err)
{
	struct cs_entries_query q = { 0 };
	struct cs_lists *ls = NULL;
	struct cs_writer *w;
	char day[11];
	FILE *fp;
	int r;

	if (cs_lists_load(&ls, b->in->ru, err) != 0)
		return -1;
	fp = cs_release_create(b, "lists.csv", err);
	if (fp == NULL) {
		cs_lists_free(ls);
		return -1;
	}
	cs_date_format(b->in->as_of, day);
	q.state = "listed";
	q.as_of = day;
	q.lists = ls;
	w = cs_writer_new(fp, CS_FMT_CSV, CS_LENTRY_NCOLS, cs_lentry_cols);
	r = cs_entries_list(b->in->st, &q, w, err);
	if (cs_release_writer_close(b, w, "lists.csv", r == 0, err) != 0)
		r = -1;
	cs_lists_free(ls);
	if (r != 0) {
		fclose(fp);
		return -1;
	}
	return cs_release_finish(b, fp, "lists.csv", err);
}

static int
write_inspections(struct build *b, struct cs_error *err)
{
	struct cs_writer *w;
	long open, invalid;
	int found, r;
	FILE *fp;

	fp = cs_release_create(b, "inspections.csv", err);
	if (fp == NULL)
		return -1;
	w = cs_writer_new(fp, CS_FMT_CSV, CS_TARGET_NCOLS, cs_target_cols);
	cs_writer_begin(w);
	r = cs_targets_list(b->in->st, NULL, 0, w, &open, &invalid, &found,
	    err);
	if (cs_release_writer_close(b, w, "inspections.csv", r == 0, err) !=
	    0)
		r = -1;
	if (r != 0) {
		fclose(fp);
		return -1;
	}
	return cs_release_finish(b, fp, "inspections.csv", err);
}

/* A file of the release other than the records files, and its delta. */
static int
small_file(struct build *b, const char *name, int keycols,
    int (*write)(struct build *b, struct cs_error *err), struct cs_error *err)
{
	if (write(b, err) != 0 || cs_release_small_delta(b, name, keycols,
	    err) != 0)
		return -1;
	return 0;
}

/* The canonical JSON of part part of the ids (arrays a, members). */
static int
add_part(const struct cs_release_in *in, const char *day, long part,
    struct cs_buf a[2], struct cs_buf *body, struct cs_error *err)
{
	cs_buf_reset(body);
	cs_buf_addf(body, "{\"as_of\":\"%s\",\"part\":%ld,\"published\":[",
	    day, part);
	cs_buf_add(body, a[0].s, a[0].len);
	cs_buf_addf(body, "],\"release_id\":\"%s\",\"withdrawn\":[", day);
	cs_buf_add(body, a[1].s, a[1].len);
	cs_buf_adds(body, "]}");
	cs_buf_reset(&a[0]);
	cs_buf_reset(&a[1]);
	return cs_store_add_release_ids(in->st, day, body->s, body->len, err);
}

/*
 * The release_ids events: the ids read back from out->ids, published
 * then withdrawn, CS_RELEASE_PART_IDS an event; their number in *parts
 * and the SHA-256 of the ids in order (each as the letter p or w, its
 * bytes and a NUL) in hex.  0, or -1 with err.
 */
static int
add_parts(const struct cs_release_in *in, struct cs_release_out *out,
    const char *day, long *parts, char hex[65], struct cs_error *err)
{
	struct cs_sha256_ctx *h = cs_sha256_new();
	struct cs_buf a[2], body;
	unsigned char d[32];
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long n = 0;
	int i, r = 0;

	*parts = 0;
	cs_buf_init(&a[0]);
	cs_buf_init(&a[1]);
	cs_buf_init(&body);
	for (i = 0; i < 2 && r == 0; i++) {
		if (fflush(out->ids[i]) != 0 || ferror(out->ids[i]) ||
		    fseek(out->ids[i], 0, SEEK_SET) != 0) {
			r = cs_error_set(err, CS_EX_IOERR, NULL, 0, "cannot "
			    "keep the ids of the release in a temporary "
			    "file: %s", strerror(errno));
			break;
		}
		while (r == 0 && (len = getdelim(&line, &cap, '\0',
		    out->ids[i])) > 0) {
			cs_sha256_update(h, i ? "w" : "p", 1);
			cs_sha256_update(h, line, (size_t)len);
			if (a[i].len > 0)
				cs_buf_addc(&a[i], ',');
			cs_buf_add_json_str(&a[i], line, (size_t)len - 1);
			if (++n == CS_RELEASE_PART_IDS) {
				r = add_part(in, day, ++*parts, a, &body, err);
				n = 0;
			}
		}
		if (r == 0 && ferror(out->ids[i]))
			r = cs_error_set(err, CS_EX_IOERR, NULL, 0, "cannot "
			    "read back the ids of the release: %s",
			    strerror(errno));
	}
	if (r == 0 && n > 0)
		r = add_part(in, day, ++*parts, a, &body, err);
	cs_sha256_final(h, d);
	cs_hex(d, 32, hex);
	free(line);
	cs_buf_release(&a[0]);
	cs_buf_release(&a[1]);
	cs_buf_release(&body);
	return r < 0 ? -1 : 0;
}

int
cs_release_record(const struct cs_release_in *in, struct cs_release_out *out,
    long *seq, struct cs_error *err)
{
	const struct cs_release *prev = in->prev;
	struct cs_buf body;
	char day[11], hex[65];
	long parts;
	int r;

	cs_date_format(in->as_of, day);
	if (add_parts(in, out, day, &parts, hex, err) != 0)
		return -1;
	/* Canonical JSON: the keys sorted. */
	cs_buf_init(&body);
	cs_buf_addf(&body, "{\"as_of\":\"%s\",\"cut_seq\":%ld,\"id_parts\":"
	    "%ld,\"ids_sha256\":\"%s\",\"manifest_sha256\":", day, in->cut,
	    parts, hex);
	cs_buf_add_json_str(&body, out->manifest_sha256,
	    strlen(out->manifest_sha256));
	cs_buf_adds(&body, ",\"previous\":");
	if (prev != NULL)
		cs_buf_add_json_str(&body, prev->release_id,
		    strlen(prev->release_id));
	else
		cs_buf_adds(&body, "null");
	cs_buf_addf(&body, ",\"release_id\":\"%s\"}", day);
	r = cs_store_add_release(in->st, day, body.s, body.len, seq, err);
	cs_buf_release(&body);
	return r < 0 ? -1 : 0;
}

/* A temporary file for ids (removed when closed), or NULL with err. */
static FILE *
ids_file(struct cs_error *err)
{
	FILE *fp = tmpfile();

	if (fp == NULL)
		cs_error_set(err, CS_EX_CANTCREAT, NULL, 0, "cannot create a "
		    "temporary file for the ids of the release: %s",
		    strerror(errno));
	return fp;
}

int
cs_release_build(const struct cs_release_in *in, const char *dir,
    struct cs_release_out *out, struct cs_error *err)
{
	struct build b = { .in = in, .dir = dir };
	json_t *ledger = json_object();
	size_t i;
	int r = -1;

	memset(out, 0, sizeof(*out));
	/*
	 * One pass over the records and their events reads each page once:
	 * a small page cache (unless the user chose one) keeps the memory
	 * of a release flat in the size of the store.
	 */
	if (cs_store_scan(in->st, err) != 0)
		return -1;
	cs_fields_init(&b.f, &cs_record_schema);
	cs_fields_init(&b.g, &cs_record_schema);
	cs_buf_init(&b.line);
	b.counts = json_object();
	if ((b.ids[0] = ids_file(err)) == NULL ||
	    (b.ids[1] = ids_file(err)) == NULL ||
	    cs_release_load_repairs(&b, err) != 0)
		goto out;
	b.wdf = cs_release_create(&b, "withdrawn.csv", err);
	if (b.wdf == NULL)
		goto out;
	b.enf = cs_release_create(&b, "ended.csv", err);
	if (b.enf == NULL)
		goto out;
	b.deltaf = cs_release_create(&b, "delta.ndjson", err);
	if (b.deltaf == NULL)
		goto out;
	b.wd = cs_writer_new(b.wdf, CS_FMT_CSV, 9, withdrawn_cols);
	b.en = cs_writer_new(b.enf, CS_FMT_CSV, 9, ended_cols);
	cs_writer_begin(b.wd);
	cs_writer_begin(b.en);
	/* In the order of the delta: by file name, each file by id. */
	if (small_file(&b, "inspections.csv", 2, write_inspections, err) !=
	    0 || write_records(&b, &in->dc->licences, "license", err) != 0 ||
	    small_file(&b, "lists.csv", 1, write_lists, err) != 0 ||
	    write_records(&b, &in->dc->penalties, "penalty", err) != 0 ||
	    small_file(&b, "repairs.csv", 1, write_repairs, err) != 0)
		goto out;
	r = cs_release_finish(&b, b.deltaf, "delta.ndjson", err);
	b.deltaf = NULL;
	if (r != 0) {
		r = -1;
		goto out;
	}
	/* Both closed (freed) whatever the first says; err names the first. */
	r = cs_release_writer_close(&b, b.wd, "withdrawn.csv", 1, err);
	if (cs_release_writer_close(&b, b.en, "ended.csv", r == 0, err) != 0)
		r = -1;
	b.wd = b.en = NULL;
	if (r != 0)
		goto out;
	r = cs_release_finish(&b, b.wdf, "withdrawn.csv", err);
	b.wdf = NULL;
	if (r == 0)
		r = cs_release_finish(&b, b.enf, "ended.csv", err);
	b.enf = NULL;
	if (r != 0) {
		r = -1;
		goto out;
	}
	cs_release_count(&b, "licences", "licences.csv");
	cs_release_count(&b, "penalties", "penalties.csv");
	cs_release_count(&b, "lists", "lists.csv");
	cs_release_count(&b, "repairs", "repairs.csv");
	cs_release_count(&b, "inspections", "inspections.csv");
	cs_release_count(&b, "withdrawn", "withdrawn.csv");
	cs_release_count(&b, "ended", "ended.csv");
	r = -1;
	if (cs_release_write_checkpoint(&b, ledger, err) != 0 ||
	    cs_release_write_manifest(&b, ledger, out, err) != 0)
		goto out;
	out->adds = b.adds;
	out->mods = b.mods;
	out->dels = b.dels;
	out->ids[0] = b.ids[0];
	out->ids[1] = b.ids[1];
	b.ids[0] = b.ids[1] = NULL;
	r = 0;
out:
	cs_writer_close(b.wd, NULL);
	cs_writer_close(b.en, NULL);
	if (b.wdf != NULL)
		fclose(b.wdf);
	if (b.enf != NULL)
		fclose(b.enf);
	if (b.deltaf != NULL)
		fclose(b.deltaf);
	for (i = 0; i < b.ndelta; i++)
		cs_buf_release(&b.delta[i]);
	free(b.delta);
	for (i = 0; i < 2; i++)
		if (b.ids[i] != NULL)
			fclose(b.ids[i]);
	cs_buf_release(&b.line);
	json_decref(b.counts);
	json_decref(ledger);
	cs_fields_release(&b.f);
	cs_fields_release(&b.g);
	free(b.rep);
	return r;
}

void
cs_release_out_free(struct cs_release_out *out)
{
	int i;

	for (i = 0; i < 2; i++)
		if (out->ids[i] != NULL)
			fclose(out->ids[i]);
	out->ids[0] = out->ids[1] = NULL;
}
