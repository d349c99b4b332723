/*
 * cs-record: bring credit records of market entities into the store, keep
 * them honest (corrections, objections, verification of the ledger) and
 * get them out again.  Reads and writes CSV or NDJSON records in the
 * canonical columns of cs-record(1); show writes one JSON document.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cs.h"

static struct opts {
	const char **sets;		/* --set COLUMN=VALUE */
	size_t nsets;
	const char **clears;		/* --clear COLUMN */
	size_t nclears;
	int entities;			/* add --entities */
	int allow_pilot;
	const char *pilot_list;
	const char **types;		/* export --type */
	size_t ntypes;
	const char *uscc;
	char uscc_buf[19];
	long since_seq;
	char decided_from[11];		/* "" when not given */
	char decided_to[11];
	const char *state;
	int overdue;
	long batch;
	char **args;
	int nargs;
	int takes_args;			/* 0 none, 1 one, 2 any number */
	int stdin_seen;			/* '-' among the arguments */
	const char *cmd;		/* the command, for usage messages */
} opt;

enum {
	OPT_SET = 0x200,
	OPT_CLEAR,
	OPT_ENTITIES,
	OPT_ALLOW_PILOT,
	OPT_PILOT_LIST,
	OPT_TYPE,
	OPT_USCC,
	OPT_SINCE_SEQ,
	OPT_DECIDED_FROM,
	OPT_DECIDED_TO,
	OPT_STATE,
	OPT_OVERDUE,
	OPT_BATCH
};

static void
push(const char ***list, size_t *n, const char *s)
{
	*list = cs_xreallocarray(*list, *n + 1, sizeof(char *));
	(*list)[(*n)++] = s;
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	char msg[256];

	switch (key) {
	case OPT_SET:
		if (strchr(arg, '=') == NULL || arg[0] == '=')
			argp_error(state, "invalid --set '%s': use "
			    "COLUMN=VALUE", arg);
		push(&opt.sets, &opt.nsets, arg);
		break;
	case OPT_CLEAR:
		push(&opt.clears, &opt.nclears, arg);
		break;
	case OPT_ENTITIES:
		opt.entities = 1;
		break;
	case OPT_ALLOW_PILOT:
		opt.allow_pilot = 1;
		break;
	case OPT_PILOT_LIST:
		opt.pilot_list = arg;
		break;
	case OPT_TYPE:
		push(&opt.types, &opt.ntypes, arg);
		break;
	case OPT_USCC:
		if (cs_uscc_check(NULL, "--uscc", arg, strlen(arg), opt.uscc_buf,
		    msg, sizeof(msg)) == CS_USCC_BAD)
			argp_error(state, "invalid %s", msg);
		opt.uscc = opt.uscc_buf;
		break;
	case OPT_SINCE_SEQ:
		opt.since_seq = cs_opt_long(state, "--since-seq", arg, 0,
		    1L << 62);
		break;
	case OPT_DECIDED_FROM:
		cs_opt_date(state, "--decided-from", arg, opt.decided_from);
		break;
	case OPT_DECIDED_TO:
		cs_opt_date(state, "--decided-to", arg, opt.decided_to);
		break;
	case OPT_STATE:
		if (strcmp(opt.cmd, "objections") == 0 ?
		    strcmp(arg, "open") != 0 && strcmp(arg, "resolved") != 0 :
		    strcmp(arg, "open") != 0 && strcmp(arg, "kept") != 0 &&
		    strcmp(arg, "broken") != 0 && strcmp(arg, "overdue") != 0)
			argp_error(state, "invalid --state '%s': use %s", arg,
			    strcmp(opt.cmd, "objections") == 0 ?
			    "open or resolved" :
			    "open, kept, broken or overdue");
		opt.state = arg;
		break;
	case OPT_OVERDUE:
		opt.overdue = 1;
		break;
	case OPT_BATCH:
		opt.batch = cs_opt_long(state, "--batch", arg, 1, 1000000);
		break;
	case ARGP_KEY_ARG:
		if (strcmp(arg, "-") == 0 && opt.stdin_seen++)
			argp_error(state, "'-' (standard input) is given twice");
		if (opt.takes_args == 0)
			argp_error(state, "takes no arguments (got '%s')", arg);
		if (opt.takes_args == 1 && opt.nargs == 1)
			argp_error(state, "takes one argument (got '%s' too)",
			    arg);
		opt.args = cs_xreallocarray(opt.args, (size_t)opt.nargs + 1,
		    sizeof(char *));
		opt.args[opt.nargs++] = arg;
		break;
	case ARGP_KEY_END:
		if (opt.takes_args == 1 && opt.nargs == 0)
			argp_error(state, "needs a USCC");
		if (opt.takes_args == 1 && cs_uscc_check(NULL, "USCC",
		    opt.args[0], strlen(opt.args[0]), opt.uscc_buf, msg,
		    sizeof(msg)) == CS_USCC_BAD)
			argp_error(state, "invalid %s", msg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* Open what every command needs, from the options. */
static void
open_run(struct cs_run *c)
{
	struct cs_run_opts o = { 0 };

	o.tool = "cs-record";
	o.need_store = 1;
	o.writes = 1;
	o.inputs = opt.args;
	o.ninputs = opt.nargs;
	o.allow_pilot = opt.allow_pilot;
	o.pilot_list = opt.pilot_list;
	o.sets = opt.sets;
	o.nsets = opt.nsets;
	o.batch = opt.batch;
	cs_run_open(c, &o);
}

/*
 * Count the outcome r (an enum cs_outcome) of a record operation; a
 * refused row is rejected, a warning reported.
 */
static void
outcome(struct cs_run *c, struct cs_recops *ops, const struct cs_row *row,
    int r)
{
	if (r != CS_REFUSED && ops->warn[0] != '\0')
		cs_warn("%s:%ld: warning: %s", row->file, row->line, ops->warn);
	switch (r) {
	case CS_ADDED:
		c->n.added++;
		break;
	case CS_UPDATED:
		c->n.updated++;
		break;
	case CS_UNCHANGED:
		c->n.unchanged++;
		break;
	default:
		cs_run_reject(c, row, ops->msg);
	}
}

static int
cmd_add(void)
{
	static const int rec_need[] = { R_USCC, R_TYPE, R_DECIDED_ON };
	static const int ent_need[] = { E_USCC, E_NAME };
	struct cs_recops ops;
	struct cs_error err;
	struct cs_item *it;
	struct cs_run c;
	int r;

	open_run(&c);
	cs_recops_init(&ops, c.st, c.ru, &c.co);
	cs_progress_start(&c.pr, "rows");
	cs_run_begin(&c);
	if (!opt.entities && !cs_opt.strict &&
	    cs_store_bulk_begin(c.st, &err) != 0)
		cs_run_fatal(&c, &err);
	if (opt.entities)
		cs_run_inputs(&c, &cs_entity_schema, ent_need, 2, NULL, 1);
	else
		cs_run_inputs(&c, &cs_record_schema, rec_need, 3, NULL, 1);
	while (cs_run_next(&c, &it)) {
		ops.warn[0] = '\0';
		if (it->msg[0] != '\0')
			cs_fmt(ops.warn, sizeof(ops.warn), "%s", it->msg);
		r = opt.entities ? cs_rec_register(&ops, &it->f, it->body.s,
		    it->body.len, &err) : cs_rec_add(&ops, &it->f, it->body.s,
		    it->body.len, &err);
		if (r < 0)
			cs_run_fatal(&c, &err);
		outcome(&c, &ops, &it->row, r);
		cs_run_batch(&c);
	}
	cs_run_commit(&c);
	if (cs_store_bulk_end(c.st, &err) != 0)
		cs_run_fatal(&c, &err);
	cs_progress_end(&c.pr);
	if (!cs_opt.quiet) {
		if (opt.entities)
			cs_warn("added %ld, updated %ld, unchanged %ld, "
			    "rejected %ld", c.n.added, c.n.updated,
			    c.n.unchanged, c.n.rejected);
		else
			cs_warn("added %ld, unchanged %ld, rejected %ld",
			    c.n.added, c.n.unchanged, c.n.rejected);
	}
	cs_recops_release(&ops);
	return cs_run_close(&c);
}

/* A column the command reads itself, trimmed; NULL when absent or empty. */
static const char *
own_col(const struct cs_row *row, const char *name)
{
	return cs_row_trimmed(row, name, NULL, 0);
}

/*
 * Read the rows of correct, object or resolve and hand each to fn, in one
 * transaction; reserved are the columns read with own_col.  ids collects
 * the objection numbers object filed.
 */
static void
run_rows(struct cs_run *c, struct cs_recops *ops, struct cs_binding *b,
    const char *const *reserved, int (*fn)(struct cs_recops *,
    const struct cs_binding *, const struct cs_row *, long *,
    struct cs_error *), long **ids)
{
	struct cs_error err;
	struct cs_item *it;
	long id = 0;
	int r;

	open_run(c);
	cs_recops_init(ops, c->st, c->ru, &c->co);
	cs_binding_init(b, &cs_record_schema);
	b->reserved = reserved;
	cs_run_begin(c);
	cs_run_inputs(c, NULL, NULL, 0, NULL, 0);
	while (cs_run_next(c, &it)) {
		cs_binding_bind(b, it->row.hdr);
		ops->warn[0] = '\0';
		r = fn(ops, b, &it->row, &id, &err);
		if (r < 0)
			cs_run_fatal(c, &err);
		if (r == CS_ADDED && ids != NULL) {
			*ids = cs_xreallocarray(*ids, (size_t)c->n.added + 1,
			    sizeof(long));
			(*ids)[c->n.added] = id;
		}
		outcome(c, ops, &it->row, r);
	}
	cs_run_commit(c);
}

static int
correct_row(struct cs_recops *ops, const struct cs_binding *b,
    const struct cs_row *row, long *id, struct cs_error *err)
{
	struct cs_change_in in = { b, row, opt.clears, opt.nclears };

	(void)id;
	return cs_rec_correct(ops, &in, own_col(row, "id"),
	    own_col(row, "reason"), err);
}

static int
object_row(struct cs_recops *ops, const struct cs_binding *b,
    const struct cs_row *row, long *id, struct cs_error *err)
{
	(void)b;
	return cs_rec_object(ops, own_col(row, "id"), own_col(row,
	    "filed_on"), own_col(row, "reason"), id, err);
}

static int
resolve_row(struct cs_recops *ops, const struct cs_binding *b,
    const struct cs_row *row, long *id, struct cs_error *err)
{
	struct cs_change_in in = { b, row, NULL, 0 };

	(void)id;
	return cs_rec_resolve(ops, &in, own_col(row, "objection_id"),
	    own_col(row, "outcome"), own_col(row, "reason"), own_col(row,
	    "resolved_on"), own_col(row, "revoke"), err);
}

/* The summary of correct, object and resolve, and the end of the run. */
static int
end_rows(struct cs_run *c, struct cs_recops *ops, struct cs_binding *b,
    const char *verb)
{
	if (!cs_opt.quiet)
		cs_warn("%s %ld, unchanged %ld, rejected %ld", verb, c->n.added,
		    c->n.unchanged, c->n.rejected);
	cs_binding_release(b);
	cs_recops_release(ops);
	return cs_run_close(c);
}

static int
cmd_correct(void)
{
	static const char *const reserved[] = { "reason", NULL };
	struct cs_recops ops;
	struct cs_binding b;
	struct cs_run c;

	run_rows(&c, &ops, &b, reserved, correct_row, NULL);
	return end_rows(&c, &ops, &b, "corrected");
}

static void
write_objection(struct cs_run *c, struct cs_writer *w,
    const struct cs_objection *o)
{
	const char *v[CS_OBJECTION_NCOLS];
	char oid[32], *reason = NULL;
	struct cs_error err;

	/* Listings carry the reason; a single objection is looked up. */
	if (o->reason == NULL && cs_store_objection_reason(c->st,
	    o->objection_id, &reason, &err) != 0)
		cs_run_fatal(c, &err);
	cs_objection_row(o, reason, oid, v);
	cs_writer_row(w, v, NULL);
	free(reason);
}

static int
cmd_object(void)
{
	struct cs_recops ops;
	struct cs_binding b;
	struct cs_objection o;
	struct cs_writer *w;
	struct cs_error err;
	struct cs_run c;
	long *filed = NULL, i;

	run_rows(&c, &ops, &b, NULL, object_row, &filed);
	/* Only what was stored is listed: after the commit. */
	w = cs_writer_new(stdout, cs_run_out_format(&c), 6, cs_objection_cols);
	cs_writer_begin(w);
	for (i = 0; i < c.n.added; i++) {
		if (cs_store_objection(c.st, filed[i], &o, &err) != 1)
			cs_run_fatal(&c, &err);
		write_objection(&c, w, &o);
	}
	cs_writer_close(w, NULL);
	free(filed);
	return end_rows(&c, &ops, &b, "filed");
}

static int
cmd_resolve(void)
{
	/* Also the columns of the objections listing, so it can be fed back. */
	static const char *const reserved[] = { "objection_id", "outcome",
	    "reason", "resolved_on", "revoke", "filed_on", "answer_by",
	    "state", NULL };
	struct cs_recops ops;
	struct cs_binding b;
	struct cs_run c;

	run_rows(&c, &ops, &b, reserved, resolve_row, NULL);
	return end_rows(&c, &ops, &b, "resolved");
}

static int
cmd_objections(void)
{
	struct cs_store_iter *it;
	struct cs_writer *w;
	struct cs_objection o;
	struct cs_error err;
	struct cs_run c;
	int r;

	open_run(&c);
	if (cs_store_iter_objections(c.st, opt.state, NULL, opt.overdue,
	    cs_opt.as_of_str, &it, &err) != 0)
		cs_run_fatal(&c, &err);
	w = cs_writer_new(stdout, cs_run_out_format(NULL), 9, cs_objection_cols);
	cs_writer_begin(w);
	while ((r = cs_store_next_objection(it, &o, &err)) == 1)
		write_objection(&c, w, &o);
	cs_store_iter_free(it);
	if (r < 0)
		cs_run_fatal(&c, &err);
	cs_writer_close(w, NULL);
	return cs_run_close(&c);
}

static int
cmd_commitments(void)
{
	struct cs_store_iter *it;
	struct cs_writer *w;
	struct cs_commitment cm;
	struct cs_error err;
	struct cs_run c;
	const char *v[CS_COMMITMENT_NCOLS];
	int r;

	open_run(&c);
	if (cs_store_iter_commitments(c.st, opt.uscc, cs_opt.as_of_str, &it,
	    &err) != 0)
		cs_run_fatal(&c, &err);
	w = cs_writer_new(stdout, cs_run_out_format(NULL), 9, cs_commitment_cols);
	cs_writer_begin(w);
	while ((r = cs_store_next_commitment(it, &cm, &err)) == 1) {
		if (opt.state != NULL && strcmp(opt.state, cm.state) != 0)
			continue;
		cs_commitment_row(&cm, v);
		cs_writer_row(w, v, NULL);
	}
	cs_store_iter_free(it);
	if (r < 0)
		cs_run_fatal(&c, &err);
	cs_writer_close(w, NULL);
	return cs_run_close(&c);
}

static int
cmd_export(void)
{
	struct cs_record_filter flt = { 0 };
	struct cs_store_iter *it;
	struct cs_writer *w;
	struct cs_recmeta m;
	struct cs_export x;
	struct cs_fields f;
	struct cs_error err;
	struct cs_run c;
	size_t i;
	int r;

	open_run(&c);
	for (i = 0; i < opt.ntypes; i++)
		if (cs_rules_type(c.ru, opt.types[i],
		    strlen(opt.types[i])) == NULL)
			cs_usage_error(opt.cmd, "invalid --type '%s': not a "
			    "record type of catalog.json", opt.types[i]);
	flt.types = opt.types;
	flt.ntypes = opt.ntypes;
	flt.uscc = opt.uscc;
	flt.since_seq = opt.since_seq;
	flt.decided_from = opt.decided_from[0] ? opt.decided_from : NULL;
	flt.decided_to = opt.decided_to[0] ? opt.decided_to : NULL;
	if (cs_export_init(&x, c.st, &err) != 0)
		cs_run_fatal(&c, &err);
	w = cs_writer_new(stdout, cs_run_out_format(NULL), x.ncols, x.names);
	cs_writer_begin(w);
	cs_fields_init(&f, &cs_record_schema);
	cs_progress_start(&c.pr, "records");
	if (cs_store_iter_records(c.st, &flt, &it, &err) != 0)
		cs_run_fatal(&c, &err);
	while ((r = cs_store_next_record(it, &f, &m, &err)) == 1) {
		cs_progress_tick(&c.pr);
		cs_export_row(&x, &f, &m);
		cs_writer_row(w, x.v, NULL);
	}
	cs_store_iter_free(it);
	if (r < 0)
		cs_run_fatal(&c, &err);
	cs_progress_end(&c.pr);
	cs_writer_close(w, NULL);
	cs_fields_release(&f);
	cs_export_release(&x);
	return cs_run_close(&c);
}



static int
cmd_show(void)
{
	struct cs_error err;
	struct cs_run c;
	json_t *doc;
	int r;

	open_run(&c);
	r = cs_report_credit_file(c.st, opt.uscc_buf, cs_opt.as_of_str, &doc,
	    &err);
	if (r < 0)
		cs_run_fatal(&c, &err);
	if (r == 0) {
		cs_warn("no entity '%s' in the store", opt.uscc_buf);
		cs_run_status(&c, CS_EX_FOUND);
		return cs_run_close(&c);
	}
	json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(doc);
	return cs_run_close(&c);
}

static int
cmd_init(void)
{
	struct cs_error err;
	int from;

	if (cs_store_init(cs_opt.db, cs_opt.operator, "cs-record", &from,
	    &err) != 0)
		cs_die_err(&err);
	if (cs_opt.quiet)
		return CS_EX_OK;
	if (from == 0)
		cs_warn("created store '%s' (schema %d)", cs_opt.db,
		    CS_STORE_SCHEMA);
	else if (from == CS_STORE_SCHEMA)
		cs_warn("store '%s' is up to date (schema %d)", cs_opt.db,
		    CS_STORE_SCHEMA);
	else
		cs_warn("migrated store '%s' from schema %d to %d", cs_opt.db,
		    from, CS_STORE_SCHEMA);
	return CS_EX_OK;
}

/* verify's progress: one tick per event. */
static void
verify_tick(void *pr, long n)
{
	(void)n;
	cs_progress_tick(pr);
}

static int
cmd_verify(void)
{
	struct cs_verify v;
	struct cs_error err;
	struct cs_run c;
	int r;

	open_run(&c);
	cs_progress_start(&c.pr, "events");
	r = cs_store_verify(c.st, &v, verify_tick, &c.pr, &err);
	cs_progress_end(&c.pr);
	if (r < 0)
		cs_run_fatal(&c, &err);
	if (r > 0) {
		cs_warn("%s", v.msg);
		cs_warn("verify failed at ledger seq %ld", v.bad_seq);
		cs_run_status(&c, CS_EX_FOUND);
	} else if (!cs_opt.quiet) {
		cs_warn("verified %ld events: the chain is intact and the "
		    "tables match the ledger (head %.16s)", v.events, v.head);
	}
	return cs_run_close(&c);
}

static const struct argp_option add_options[] = {
	{ "set", OPT_SET, "COLUMN=VALUE", 0,
	  "fill COLUMN where the input has no value (repeatable)", 0 },
	{ "entities", OPT_ENTITIES, NULL, 0,
	  "ingest the entity register instead of records", 0 },
	{ "allow-pilot-codes", OPT_ALLOW_PILOT, NULL, 0,
	  "accept early pilot USCCs that fail the check character", 0 },
	{ "pilot-list", OPT_PILOT_LIST, "FILE", 0,
	  "accept the pilot USCCs listed in FILE (one per line)", 0 },
	{ "batch", OPT_BATCH, "N", 0,
	  "rows per transaction (default 50000)", 0 },
	{ 0 }
};

static const struct argp_option correct_options[] = {
	{ "clear", OPT_CLEAR, "COLUMN", 0,
	  "remove COLUMN's value from every corrected record (repeatable)",
	  0 },
	{ "allow-pilot-codes", OPT_ALLOW_PILOT, NULL, 0,
	  "accept early pilot USCCs that fail the check character", 0 },
	{ "pilot-list", OPT_PILOT_LIST, "FILE", 0,
	  "accept the pilot USCCs listed in FILE (one per line)", 0 },
	{ 0 }
};

static const struct argp_option resolve_options[] = {
	{ "allow-pilot-codes", OPT_ALLOW_PILOT, NULL, 0,
	  "accept early pilot USCCs that fail the check character", 0 },
	{ "pilot-list", OPT_PILOT_LIST, "FILE", 0,
	  "accept the pilot USCCs listed in FILE (one per line)", 0 },
	{ 0 }
};

static const struct argp_option export_options[] = {
	{ "type", OPT_TYPE, "TYPE", 0, "only records of TYPE (repeatable)", 0 },
	{ "uscc", OPT_USCC, "USCC", 0, "only the records of one entity", 0 },
	{ "since-seq", OPT_SINCE_SEQ, "N", 0,
	  "only records added or changed after ledger seq N", 0 },
	{ "decided-from", OPT_DECIDED_FROM, "DATE", 0,
	  "only records decided on or after DATE", 0 },
	{ "decided-to", OPT_DECIDED_TO, "DATE", 0,
	  "only records decided on or before DATE", 0 },
	{ 0 }
};

static const struct argp_option objections_options[] = {
	{ "state", OPT_STATE, "STATE", 0, "only open or resolved ones", 0 },
	{ "overdue", OPT_OVERDUE, NULL, 0,
	  "only open ones whose answer_by is before --as-of", 0 },
	{ 0 }
};

static const struct argp_option commitments_options[] = {
	{ "state", OPT_STATE, "STATE", 0,
	  "only open, kept, broken or overdue ones", 0 },
	{ "uscc", OPT_USCC, "USCC", 0, "only the commitments of one entity",
	  0 },
	{ 0 }
};

static const struct cs_command commands[] = {
	{ "init", "",
	  "Create the store, or migrate it to this version; idempotent.\v"
	  "Examples:\n"
	  "  cs-record init\n"
	  "  cs-record -d /srv/cs/credit.db init\n\n"
	  "The store file is created with mode 0600.  Exit status: see "
	  "cs(7).", NULL, cmd_init },
	{ "add", "[FILE...]",
	  "Ingest credit records (or, with --entities, the entity register)."
	  "\vExamples:\n"
	  "  cs-record add --rejects=bad.csv records.csv\n"
	  "  iconv -f gb18030 -t utf-8 cf.csv | cs-record add --set "
	  "type=penalty\n\n"
	  "Every column is checked (USCC check characters, dates, types, "
	  "amounts, references); rejected rows are reported with file:line "
	  "and the rest is stored.  Adding a record again changes nothing.  "
	  "Exit status: see cs(7).", add_options, cmd_add },
	{ "show", "USCC",
	  "Print an entity's whole credit file as one JSON document.\v"
	  "Examples:\n"
	  "  cs-record show 91350100M000100Y43\n"
	  "  cs-record show 91350100M000100Y43 | jq '.records[].type'\n\n"
	  "Exit status: 1 when the entity is not in the store; see cs(7).",
	  NULL, cmd_show },
	{ "export", "",
	  "Write records as a stream in the canonical columns, with seq and "
	  "disputed.\vExamples:\n"
	  "  cs-record export --type=penalty --decided-from=2026-01-01\n"
	  "  cs-record -d copy.db init && cs-record export |\n"
	  "    cs-record -d copy.db add\n\n"
	  "Revoked records are left out.  Exit status: see cs(7).",
	  export_options, cmd_export },
	{ "correct", "[FILE...]",
	  "Correct records: a stream of id, reason and the changed columns."
	  "\vExamples:\n"
	  "  printf 'id,decided_on,reason\\nab12cd34ef56ab78,2025-03-02,"
	  "typo\\n' | cs-record correct\n"
	  "  cs-record correct --clear=note fixes.csv\n\n"
	  "Empty cells leave a column as it is.  The old version stays in "
	  "the ledger.  Exit status: see cs(7).", correct_options,
	  cmd_correct },
	{ "object", "[FILE...]",
	  "File objections to records: a stream of id, filed_on, reason."
	  "\vExamples:\n"
	  "  cs-record object objections.csv\n"
	  "  cs-record object --to=ndjson objections.csv | jq .answer_by\n\n"
	  "Writes the objections filed, with answer_by (working days from "
	  "objections.json).  Exit status: see cs(7).", NULL,
	  cmd_object },
	{ "resolve", "[FILE...]",
	  "Resolve objections: objection_id, outcome (upheld or dismissed), "
	  "reason, resolved_on; an upheld one has revoke=true or corrected "
	  "columns.\vExamples:\n"
	  "  cs-record resolve answers.csv\n"
	  "  printf 'objection_id,outcome,reason\\n12,dismissed,basis "
	  "confirmed\\n' | cs-record resolve\n\n"
	  "Exit status: see cs(7).", resolve_options, cmd_resolve },
	{ "objections", "",
	  "List objections with their answer deadlines.\vExamples:\n"
	  "  cs-record objections --state=open\n"
	  "  cs-record objections --overdue --as-of=2026-10-20\n\n"
	  "Exit status: see cs(7).", objections_options, cmd_objections },
	{ "commitments", "",
	  "List credit commitments with their state on --as-of.\vExamples:\n"
	  "  cs-record commitments --state=overdue --as-of=2026-11-01\n"
	  "  cs-record commitments --state=overdue --as-of=2026-11-01 |\n"
	  "    cs-record add --set type=commitment_broken "
	  "--set decided_on=2026-11-01\n\n"
	  "Exit status: see cs(7).", commitments_options, cmd_commitments },
	{ "verify", "",
	  "Recompute the ledger's hash chain and re-derive every table from "
	  "it.\vExamples:\n"
	  "  cs-record verify\n"
	  "  cs-record verify -q || mail -s 'ledger broken' ops\n\n"
	  "Exit status: 0 clean, 1 naming the first bad sequence number; see "
	  "cs(7).", NULL, cmd_verify },
	{ NULL, NULL, NULL, NULL, NULL }
};

static const char top_doc[] =
	"Bring credit records into the store, keep them honest, get them out."
	"\v"
	"Commands:\n"
	"  init         create or migrate the store\n"
	"  add          ingest records, or the entity register\n"
	"  show         an entity's credit file as JSON\n"
	"  export       records as a stream\n"
	"  correct      correct records, keeping the old versions\n"
	"  object       file objections to records\n"
	"  resolve      answer objections: upheld or dismissed\n"
	"  objections   list objections and their deadlines\n"
	"  commitments  credit commitments and their state\n"
	"  verify       check the ledger and the tables\n\n"
	"Examples:\n"
	"  cs-record init && cs-record add --rejects=bad.csv records.csv\n"
	"  cs-record -d copy.db init &&\n"
	"    cs-record export --type=penalty | cs-record -d copy.db add\n\n"
	"'cs-record COMMAND --help' describes a command.  "
	"Exit status: see cs(7).";

/* The command chosen: what its operands are, for parse_opt. */
static void
chosen(const struct cs_command *cmd)
{
	opt.takes_args = cmd->args[0] == '\0' ? 0 : strchr(cmd->args, '.') ?
	    2 : 1;
	opt.cmd = cmd->name;
}

int
main(int argc, char **argv)
{
	const struct cs_command *cmd;
	char name[64];
	int rc;

	cs_init(argc, argv);
	opt.batch = 50000;
	cmd = cs_command_parse(argc, argv, commands, top_doc, parse_opt,
	    chosen, name);
	rc = cmd->run();
	free(opt.args);
	free(opt.sets);
	free(opt.clears);
	free(opt.types);
	return cs_finish(rc);
}
