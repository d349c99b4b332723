/*
 * The output side of cs-blacklist check: judge a row, count it, write it
 * through the pass-through writer or, on the lines path, append the
 * screening columns to the line as read.
 */
#include <stdio.h>
#include <string.h>

#include "io/csvsplit.h"
#include "ops/checks.h"

int
cs_checker_init(struct cs_checker *k, struct cs_store *st,
    const struct cs_lists *ls, const struct cs_uscc_rules *ur,
    const char *as_of, const char *dept, struct cs_error *err)
{
	memset(k, 0, sizeof(*k));
	k->ur = ur;
	cs_buf_init(&k->out);
	cs_passthru_init(&k->pt, cs_screen_colnames, CS_SCREEN_NCOLS,
	    CS_FMT_AUTO);
	return cs_screen_load(&k->s, st, ls, as_of, dept, err);
}

void
cs_checker_release(struct cs_checker *k)
{
	cs_buf_release(&k->out);
	cs_screen_release(&k->s);
}

void
cs_checker_flush(struct cs_checker *k)
{
	fwrite(k->out.s, 1, k->out.len, stdout);
	cs_buf_reset(&k->out);
}

void
cs_checker_columns(struct cs_checker *k, const struct cs_header *h)
{
	k->ucol = cs_header_find(h, "uscc");
	k->ncol = cs_header_find(h, "name");
}

void
cs_checker_begin(struct cs_checker *k, const struct cs_header *h,
    int format)
{
	k->pt.format = format;
	cs_checker_flush(k);
	cs_passthru_begin(&k->pt, h);
	cs_checker_columns(k, h);
	/* Raw lines pass when ours are all new CSV columns. */
	k->raw_ok = k->pt.nout == h->n + CS_SCREEN_NCOLS &&
	    format == CS_FMT_CSV;
}

/* Screen one counterparty and count it: 0, or -1 (k->msg). */
static int
judge(struct cs_checker *k, const char *u, size_t ul, const char *nm,
    size_t nl, const struct cs_hit **h, const char **match)
{
	if (cs_screen_judge(&k->s, k->ur, u, ul, nm, nl, h, match, k->msg,
	    sizeof(k->msg)) != 0)
		return -1;
	k->rows++;
	k->listed += *h != NULL;
	return 0;
}

int
cs_checker_row(struct cs_checker *k, const struct cs_row *row)
{
	const char *u = cs_row_get(row, k->ucol);
	const char *nm = cs_row_get(row, k->ncol);
	const char *v[CS_SCREEN_NCOLS], *match;
	const struct cs_hit *h;

	if (judge(k, u, u != NULL ? strlen(u) : 0, nm, nm != NULL ?
	    strlen(nm) : 0, &h, &match) != 0)
		return -1;
	cs_checker_flush(k);
	cs_screen_values(h, match, v);
	cs_passthru_row(&k->pt, row, v);
	return 0;
}

/*
 * A record that is one line without quotes (most) is copied to the
 * output as it is, with the new columns after it, which is what the
 * writer would write.
 */
int
cs_checker_line(struct cs_checker *k, const struct cs_csv_rec *rec,
    size_t nhdr)
{
	const struct cs_hit *h;
	const char *match, *u, *nm;
	size_t ul = 0, nl = 0;

	if (rec->quoted || !k->raw_ok ||
	    cs_csv_count_commas(rec->s, rec->n) + 1 != nhdr)
		return 1;
	u = cs_csv_field_at(rec->s, rec->n, k->ucol, &ul);
	nm = cs_csv_field_at(rec->s, rec->n, k->ncol, &nl);
	if (judge(k, u, ul, nm, nl, &h, &match) != 0)
		return -1;
	cs_buf_add(&k->out, rec->s, rec->n);
	cs_screen_add_csv(&k->out, h, match);
	if (k->out.len >= 1 << 16)
		cs_checker_flush(k);
	return 0;
}

int
cs_checker_end(struct cs_checker *k, const struct cs_header *hdr,
    int format, struct cs_error *err)
{
	cs_checker_flush(k);
	if (k->pt.format == CS_FMT_AUTO) {
		/* Nothing read: the new columns alone. */
		k->pt.format = format;
		cs_passthru_begin(&k->pt, hdr);
	}
	return cs_passthru_release(&k->pt, err);
}
