/*
 * Deadlines of the disclosure run in working days, and the header
 * styles of the published files.  Pure: the calendar and the rules come
 * loaded.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/catalog.h"
#include "domain/disclose.h"
#include "domain/minor.h"
#include "domain/record.h"

static void
file_release(struct cs_pubfile *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->col[i]);
		free(f->cn[i]);
		free(f->code[i]);
	}
	free(f->col);
	free(f->cn);
	free(f->code);
	free(f->name);
	memset(f, 0, sizeof(*f));
}

void
cs_disclose_release(struct cs_disclose *d)
{
	if (d == NULL)
		return;
	free(d->dl);
	free(d->mr);
	file_release(&d->licences);
	file_release(&d->penalties);
	memset(d, 0, sizeof(*d));
}

int
cs_header_style_parse(const char *s)
{
	if (strcmp(s, "cn") == 0)
		return CS_HDR_CN;
	if (strcmp(s, "codes") == 0)
		return CS_HDR_CODES;
	if (strcmp(s, "canonical") == 0)
		return CS_HDR_CANONICAL;
	return -1;
}

const struct cs_deadline_rule *
cs_disclose_rule(const struct cs_disclose *d, int day)
{
	const struct cs_deadline_rule *r = NULL;
	size_t i;

	for (i = 0; i < d->ndl; i++)
		if (d->dl[i].from <= day)
			r = &d->dl[i];
	return r;
}

int
cs_disclose_deadline(const struct cs_disclose *d,
    const struct cs_calendar *cal, int day, int withdraw, int *out,
    struct cs_error *err)
{
	const struct cs_deadline_rule *r = cs_disclose_rule(d, day);
	char b[11];

	if (r == NULL) {
		cs_date_format(day, b);
		return cs_error_set(err, CS_EX_DATAERR, NULL, 0, "no deadline "
		    "of publish.json is in force on %s", b);
	}
	return cs_calendar_add_working(cal, day, withdraw ? r->withdraw :
	    r->publish, out, err);
}

int
cs_working_days_between(const struct cs_calendar *cal, int a, int b,
    long *n, struct cs_error *err)
{
	int d, w;

	*n = 0;
	for (d = a + 1; d <= b; d++) {
		w = cs_calendar_is_working(cal, d);
		if (w < 0) {
			int y, m, dd;

			cs_civil_from_days(d, &y, &m, &dd);
			return cs_error_set(err, CS_EX_DATAERR, NULL, 0,
			    "no calendar for %d", y);
		}
		*n += w;
	}
	return 0;
}

const char *
cs_pubfile_header(const struct cs_pubfile *f, size_t i, int style)
{
	return style == CS_HDR_CN ? f->cn[i] : style == CS_HDR_CODES ?
	    f->code[i] : f->col[i];
}

int
cs_disclose_adult_age(const struct cs_disclose *d, int day)
{
	int age = 0;
	size_t i;

	for (i = 0; i < d->nmr && d->mr[i].from <= day; i++)
		age = d->mr[i].adult_age;
	return age;
}

int
cs_disclose_minor(const struct cs_disclose *d,
    const struct cs_vocab *resident, const struct cs_fields *f, int decided)
{
	const char *id = f->v[R_PERSON_ID], *type = f->v[R_PERSON_ID_TYPE];

	if (id == NULL)
		return 0;
	if (type != NULL && type[0] != '\0' && (resident == NULL ||
	    cs_vocab_lookup(resident, type, f->vlen[R_PERSON_ID_TYPE]) ==
	    NULL))
		return 0;
	return cs_minor_on(id, f->vlen[R_PERSON_ID], decided,
	    cs_disclose_adult_age(d, decided));
}
