/*
 * The disclosure run judged from the release events: what is due or
 * overdue to publish or withdraw on a day (due), and how late each
 * authority published its decisions, per month (lateness).
 */
#include <stdlib.h>
#include <string.h>

#include "ops/release.h"

const char *const cs_due_cols[CS_DUE_NCOLS] = {
	"kind", "status", "deadline", "id", "uscc", "name", "type",
	"authority", "decided_on", "note"
};

const char *const cs_late_cols[CS_LATE_NCOLS] = {
	"authority", "month", "decisions", "on_time", "late", "unpublished",
	"late_max_working_days", "on_time_percent"
};

static const char *const pub_types[] = { "license", "penalty" };

/* Is a record in a state that would ever be published? */
static int
publishable(int state)
{
	return state == CS_PUB_IN_WINDOW || state == CS_PUB_ENDED ||
	    state == CS_PUB_REVOKED;
}

/* The day record id was revoked (its resolve event), or -1. */
static int
revoked_on(struct cs_store *st, const char *id, int *day,
    struct cs_error *err)
{
	struct cs_store_iter *it;
	struct cs_event ev;
	const json_t *on;
	json_t *j;
	int r;

	*day = -1;
	if (cs_store_iter_history(st, id, &it, err) != 0)
		return -1;
	while ((r = cs_store_next_event(it, &ev, err)) == 1) {
		j = json_loads(ev.body, 0, NULL);
		on = json_object_get(j, "resolved_on");
		if (json_is_true(json_object_get(j, "revoke")) &&
		    json_is_string(on))
			cs_date_parse(json_string_value(on),
			    json_string_length(on), day);
		json_decref(j);
	}
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}

struct due {
	struct cs_writer *w;
	const struct cs_fields *f;
	long *overdue;
};

static void
due_row(struct due *d, const char *kind, int deadline, int as_of,
    const char *note)
{
	const char *v[CS_DUE_NCOLS];
	char dl[11];

	cs_date_format(deadline, dl);
	v[0] = kind;
	v[1] = deadline < as_of ? "overdue" : strcmp(kind, "window_ends") ?
	    "due" : "ending";
	if (deadline < as_of)
		(*d->overdue)++;
	v[2] = dl;
	v[3] = d->f->v[R_ID];
	v[4] = d->f->v[R_USCC];
	v[5] = d->f->v[R_NAME];
	v[6] = d->f->v[R_TYPE];
	v[7] = d->f->v[R_AUTHORITY];
	v[8] = d->f->v[R_DECIDED_ON];
	v[9] = note;
	cs_writer_row(d->w, v, NULL);
}

int
cs_due_write(struct cs_store *st, const struct cs_rules *ru,
    const struct cs_disclose *dc, int as_of, int soon, struct cs_writer *w,
    long *overdue, struct cs_error *err)
{
	struct cs_record_filter flt = { .types = pub_types, .ntypes = 2,
	    .revoked = 1, .by_decision = 1 };
	struct cs_store_iter *it;
	struct cs_pubinfo pi;
	struct cs_pubrec pr;
	struct cs_recmeta m;
	struct cs_fields f;
	struct due d = { w, &f, overdue };
	char day[11], note[128];
	int r, pub, wd, dl, on;

	*overdue = 0;
	if (cs_store_iter_records(st, &flt, &it, err) != 0)
		return -1;
	cs_fields_init(&f, &cs_record_schema);
	while ((r = cs_store_next_record(it, &f, &m, err)) == 1) {
		cs_pubrec_of_fields(&pr, &f, m.revoked);
		cs_publicity_judge(&ru->pub, &pr, as_of, &pi);
		if (!publishable(pi.state) || pr.decided > as_of)
			continue;
		/* Never published, so never due (DESIGN.md 5.3). */
		if (cs_disclose_minor(dc, &ru->cat.resident_id_types, &f,
		    pr.decided))
			continue;
		r = pub = cs_store_published(st, f.v[R_ID], 0, day, NULL, err);
		if (r < 0)
			break;
		if (m.revoked) {
			r = wd = cs_store_published(st, f.v[R_ID], 1, day, NULL,
			    err);
			if (r < 0 || (r = revoked_on(st, f.v[R_ID], &on,
			    err)) < 0)
				break;
			if (!pub || wd || on < 0)
				continue;
			if ((r = cs_disclose_deadline(dc, &ru->cal, on, 1, &dl,
			    err)) != 0)
				break;
			cs_date_format(on, day);
			cs_fmt(note, sizeof(note), "revoked on %s, still "
			    "published", day);
			if (dl <= as_of + soon)
				due_row(&d, "withdraw", dl, as_of, note);
			continue;
		}
		if (!pub) {
			if (pi.state != CS_PUB_IN_WINDOW)
				continue;
			if ((r = cs_disclose_deadline(dc, &ru->cal,
			    pr.decided, 0, &dl, err)) != 0)
				break;
			if (dl <= as_of + soon)
				due_row(&d, "publish", dl, as_of,
				    "not published yet");
			continue;
		}
		if (pi.state == CS_PUB_IN_WINDOW && pi.windowed &&
		    pi.last >= as_of && pi.last <= as_of + soon) {
			cs_fmt(note, sizeof(note), "published since %s", day);
			due_row(&d, "window_ends", pi.last, as_of, note);
		}
	}
	cs_fields_release(&f);
	cs_store_iter_free(it);
	return r < 0 ? -1 : 0;
}

static int
late_cmp(const void *a, const void *b)
{
	const struct cs_late *x = a, *y = b;
	int c = strcmp(x->authority, y->authority);

	return c != 0 ? c : strcmp(x->month, y->month);
}

static struct cs_late *
group(struct cs_late **g, size_t *n, struct cs_strmap *ix, const char *auth,
    const char *decided)
{
	char key[600];
	long *i;
	int added;

	cs_fmt(key, sizeof(key), "%.7s %s", decided, auth);
	i = cs_strmap_put(ix, key, &added);
	if (added) {
		*g = cs_xreallocarray(*g, *n + 1, sizeof(**g));
		memset(&(*g)[*n], 0, sizeof(**g));
		(*g)[*n].authority = cs_xstrdup(auth);
		cs_fmt((*g)[*n].month, 8, "%.7s", decided);
		*i = (long)(*n)++;
	}
	return &(*g)[*i];
}

void
cs_late_free(struct cs_late *g, size_t n)
{
	size_t i;

	for (i = 0; g != NULL && i < n; i++)
		free(g[i].authority);
	free(g);
}

int
cs_lateness_count(struct cs_store *st, const struct cs_rules *ru,
    const struct cs_disclose *dc, int from, int to, int as_of,
    struct cs_late **gp, size_t *np, long *nocal, struct cs_error *err)
{
	struct cs_record_filter flt = { .types = pub_types, .ntypes = 2,
	    .revoked = 1, .by_decision = 1 };
	struct cs_store_iter *it;
	struct cs_late *g = NULL, *x;
	struct cs_strmap ix;
	struct cs_pubinfo pi;
	struct cs_pubrec pr;
	struct cs_recmeta m;
	struct cs_fields f;
	char day[11];
	size_t n = 0, i, k;
	long wdays;
	int r, dl, p;

	*nocal = 0;
	*gp = NULL;
	*np = 0;
	if (cs_store_iter_records(st, &flt, &it, err) != 0)
		return -1;
	cs_strmap_init(&ix);
	cs_fields_init(&f, &cs_record_schema);
	while ((r = cs_store_next_record(it, &f, &m, err)) == 1) {
		cs_pubrec_of_fields(&pr, &f, m.revoked);
		if ((from >= 0 && pr.decided < from) || (to >= 0 &&
		    pr.decided > to) || pr.decided > as_of)
			continue;
		cs_publicity_judge(&ru->pub, &pr, pr.decided, &pi);
		if (!publishable(pi.state) || cs_disclose_minor(dc,
		    &ru->cat.resident_id_types, &f, pr.decided))
			continue;
		x = group(&g, &n, &ix, f.v[R_AUTHORITY] != NULL ?
		    f.v[R_AUTHORITY] : "", f.v[R_DECIDED_ON]);
		x->decisions++;
		r = cs_store_published(st, f.v[R_ID], 0, day, NULL, err);
		if (r < 0)
			break;
		if (r == 0) {
			x->unpublished++;
			continue;
		}
		cs_date_parse(day, 10, &p);
		/* A year the calendar lacks: counted apart, not guessed. */
		if (cs_disclose_deadline(dc, &ru->cal, pr.decided, 0, &dl,
		    err) != 0 || cs_working_days_between(&ru->cal, pr.decided,
		    p, &wdays, err) != 0) {
			x->decisions--;
			(*nocal)++;
			r = 0;
			continue;
		}
		if (p <= dl) {
			x->on_time++;
		} else {
			x->late++;
			if (wdays > x->worst)
				x->worst = wdays;
		}
	}
	cs_fields_release(&f);
	cs_store_iter_free(it);
	cs_strmap_release(&ix);
	if (r < 0) {
		cs_late_free(g, n);
		return -1;
	}
	/* Groups whose every decision fell to a missing calendar go. */
	for (i = k = 0; i < n; i++) {
		if (g[i].decisions == 0)
			free(g[i].authority);
		else
			g[k++] = g[i];
	}
	if (k > 0)	/* g is NULL when n is 0 */
		qsort(g, k, sizeof(*g), late_cmp);
	*gp = g;
	*np = k;
	return 0;
}

int
cs_lateness_write(struct cs_store *st, const struct cs_rules *ru,
    const struct cs_disclose *dc, int from, int to, int as_of,
    struct cs_writer *w, long *nocal, struct cs_error *err)
{
	const char *v[CS_LATE_NCOLS];
	struct cs_late *g;
	char day[24], nums[5][24];
	size_t n, i;

	if (cs_lateness_count(st, ru, dc, from, to, as_of, &g, &n, nocal,
	    err) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		snprintf(nums[0], 24, "%ld", g[i].decisions);
		snprintf(nums[1], 24, "%ld", g[i].on_time);
		snprintf(nums[2], 24, "%ld", g[i].late);
		snprintf(nums[3], 24, "%ld", g[i].unpublished);
		snprintf(nums[4], 24, "%ld", g[i].on_time * 100 /
		    g[i].decisions);
		v[0] = g[i].authority;
		v[1] = g[i].month;
		v[2] = nums[0];
		v[3] = nums[1];
		v[4] = nums[2];
		v[5] = nums[3];
		v[6] = g[i].late > 0 ? (snprintf(day, sizeof(day), "%ld",
		    g[i].worst), day) : "";
		v[7] = nums[4];
		cs_writer_row(w, v, NULL);
	}
	cs_late_free(g, n);
	return 0;
}
