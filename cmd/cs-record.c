/*
 * cs-record: bring credit records of market entities into the store, keep
 * them honest (corrections, objections, verification of the ledger) and
 * get them out again.  Reads and writes CSV or NDJSON records in the
 * canonical columns of cs-record(1); show writes one JSON document.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

static struct opts {
	const char **clears;		/* --clear COLUMN */
	size_t nclears;
	int entities;			/* add --entities */
	struct cs_record_filter flt;	/* export --type, --uscc, ... */
	const char **types;		/* export --type */
	size_t ntypes;
	char uscc_buf[19];		/* --uscc, or the USCC of show */
	char decided_from[11];
	char decided_to[11];
	const char *state;
	int overdue;
	char **args;
	int nargs;
	int takes_args;			/* 0 none, 1 one, 2 any number */
	int stdin_seen;			/* '-' among the arguments */
	const char *cmd;		/* the command, for usage messages */
} opt;

enum {
	OPT_CLEAR = 0x200, OPT_ENTITIES, OPT_TYPE, OPT_USCC, OPT_SINCE_SEQ,
	OPT_DECIDED_FROM, OPT_DECIDED_TO, OPT_STATE, OPT_OVERDUE
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
	switch (key) {
	case OPT_CLEAR:
		push(&opt.clears, &opt.nclears, arg);
		break;
	case OPT_ENTITIES:
		opt.entities = 1;
		break;
	case OPT_TYPE:
		push(&opt.types, &opt.ntypes, arg);
		opt.flt.types = opt.types;
		opt.flt.ntypes = opt.ntypes;
		break;
	case OPT_USCC:
		cs_opt_uscc(state, "--uscc", arg, opt.uscc_buf);
		opt.flt.uscc = opt.uscc_buf;
		break;
	case OPT_SINCE_SEQ:
		opt.flt.since_seq = cs_opt_long(state, "--since-seq", arg, 0,
		    1L << 62);
		break;
	case OPT_DECIDED_FROM:
		cs_opt_date(state, "--decided-from", arg, opt.decided_from);
		opt.flt.decided_from = opt.decided_from;
		break;
	case OPT_DECIDED_TO:
		cs_opt_date(state, "--decided-to", arg, opt.decided_to);
		opt.flt.decided_to = opt.decided_to;
		break;
	case OPT_STATE:
		if (strcmp(opt.cmd, "objections") == 0 ?
		    strcmp(arg, "open") != 0 && strcmp(arg, "resolved") != 0 :
		    strcmp(arg, "open") != 0 && strcmp(arg, "kept") != 0 &&
		    strcmp(arg, "broken") != 0 && strcmp(arg, "overdue") != 0)
			cs_argp_error(state, "invalid --state '%s': use %s", arg,
			    strcmp(opt.cmd, "objections") == 0 ?
			    "open or resolved" :
			    "open, kept, broken or overdue");
		opt.state = arg;
		break;
	case OPT_OVERDUE:
		opt.overdue = 1;
		break;
	case ARGP_KEY_ARG:
		if (strcmp(arg, "-") == 0 && opt.stdin_seen++)
			cs_argp_error(state, "'-' (standard input) is given twice");
		if (opt.takes_args == 0)
			cs_argp_error(state, "takes no arguments (got '%s')", arg);
		if (opt.takes_args == 1 && opt.nargs == 1)
			cs_argp_error(state, "takes one argument (got '%s' too)",
			    arg);
		opt.args = cs_xreallocarray(opt.args, (size_t)opt.nargs + 1,
		    sizeof(char *));
		opt.args[opt.nargs++] = arg;
		break;
	case ARGP_KEY_END:
		if (strcmp(opt.cmd, "prove") == 0) {
			if (opt.nargs == 1)
				cs_ledger.seq = cs_opt_long(state, "SEQ",
				    opt.args[0], 1, 1L << 62);
			break;
		}
		if (opt.takes_args == 1 && opt.nargs == 0)
			cs_argp_error(state, "needs a USCC");
		if (opt.takes_args == 1)
			cs_opt_uscc(state, "USCC", opt.args[0], opt.uscc_buf);
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

	o.com = &cs_opt;
	o.tool = "cs-record";
	o.need_store = 1;
	/* The commands that read FILE... are the ones that write. */
	o.writes = opt.takes_args == 2;
	o.inputs = opt.args;
	o.ninputs = opt.nargs;
	o.allow_pilot = cs_shared.allow_pilot;
	o.pilot_list = cs_shared.pilot_list;
	o.sets = cs_shared.sets;
	o.nsets = cs_shared.nsets;
	o.batch = cs_shared.batch;
	cs_run_open(c, &o);
}

/* A record operation of add, correct, object or resolve, on one row. */
struct rowop {
	struct cs_run *c;
	struct cs_recops ops;
	struct cs_binding b;		/* correct, object, resolve */
	int change;			/* enum cs_change */
	struct cs_rows rows;
	struct cs_writer *w;		/* object: the objections filed */
};

/* The outcome of a record operation, with what ops says of it. */
static int
said_by(struct rowop *k, int r, struct cs_said *said)
{
	said->why = k->ops.msg;
	said->warn = k->ops.warn;
	return r;
}

static int
add_row(void *ctx, struct cs_item *it, struct cs_said *said,
    struct cs_error *err)
{
	struct rowop *k = ctx;
	struct cs_rec_item *ri = it->data;

	k->ops.warn[0] = '\0';
	if (it->msg[0] != '\0')
		cs_fmt(k->ops.warn, sizeof(k->ops.warn), "%s", it->msg);
	return said_by(k, opt.entities ? cs_rec_register(&k->ops, &ri->f,
	    ri->body.s, ri->body.len, &ri->pp, err) : cs_rec_add(&k->ops,
	    &ri->f, ri->body.s, ri->body.len, &ri->pp, err), said);
}

/* A first load into an empty store builds its index at the end. */
static int
add_bulk_begin(void *ctx, struct cs_error *err)
{
	struct rowop *k = ctx;

	if (opt.entities || cs_opt.strict)
		return 0;
	return cs_store_bulk_begin(k->c->st, err);
}

static int
add_bulk_end(void *ctx, struct cs_error *err)
{
	struct rowop *k = ctx;

	return cs_store_bulk_end(k->c->st, err);
}

static int
cmd_add(void)
{
	static const int rec_need[] = { R_USCC, R_TYPE, R_DECIDED_ON };
	static const int ent_need[] = { E_USCC, E_NAME };
	struct rowop k;
	struct cs_rows rows = { .threaded = 1, .tx = CS_ROWS_BATCHED,
	    .what = "rows", .begin = add_bulk_begin, .end = add_bulk_end,
	    .row = add_row, .ctx = &k };
	struct cs_run c;

	open_run(&c);
	k.c = &c;
	cs_recops_init(&k.ops, c.st, c.ru, &c.co);
	rows.sc = opt.entities ? &cs_entity_schema : &cs_record_schema;
	rows.need = opt.entities ? ent_need : rec_need;
	rows.nneed = opt.entities ? 2 : 3;
	cs_run_rows(&c, &rows);
	cs_run_summary(&c, "added", opt.entities);
	cs_recops_release(&k.ops);
	return cs_run_close(&c);
}

static int
change_row(void *ctx, struct cs_item *it, struct cs_said *said,
    struct cs_error *err)
{
	struct rowop *k = ctx;

	cs_binding_bind(&k->b, it->row.hdr);
	k->ops.warn[0] = '\0';
	return said_by(k, cs_change_row(&k->ops, k->change, &k->b, &it->row,
	    opt.clears, opt.nclears, &said->id, err), said);
}

/* object: the objections filed are written before they are committed. */
static int
object_receipt(void *ctx, const long *ids, size_t n, struct cs_error *err)
{
	struct rowop *k = ctx;

	k->w = cs_writer_new(stdout, cs_run_out_format(k->c), 6,
	    cs_objection_cols);
	cs_writer_begin(k->w);
	return cs_objections_write(k->c->st, ids, n, k->w, err);
}

/* The rows of correct, object or resolve (k->change): one transaction. */
static void
run_rows(struct cs_run *c, struct rowop *k)
{
	open_run(c);
	k->c = c;
	cs_recops_init(&k->ops, c->st, c->ru, &c->co);
	cs_binding_init(&k->b, &cs_record_schema);
	k->b.reserved = cs_change_reserved(k->change);
	k->rows = (struct cs_rows){ .tx = CS_ROWS_ONE_TX,
	    .keep = CS_KEEP_ADDED, .row = change_row, .ctx = k,
	    .need_cols = cs_change_need(k->change) };
	if (k->change == CS_CHANGE_OBJECT)
		k->rows.receipt = object_receipt;
	cs_run_rows(c, &k->rows);
}

/* The summary of correct, object and resolve, and the end of the run. */
static int
end_rows(struct cs_run *c, struct rowop *k, const char *verb)
{
	cs_run_summary(c, verb, 0);
	free(k->rows.ids);
	cs_binding_release(&k->b);
	cs_recops_release(&k->ops);
	return cs_run_close(c);
}

static int
cmd_correct(void)
{
	struct rowop k = { .change = CS_CHANGE_CORRECT };
	struct cs_run c;

	run_rows(&c, &k);
	return end_rows(&c, &k, "corrected");
}

static int
cmd_object(void)
{
	struct rowop k = { .change = CS_CHANGE_OBJECT };
	struct cs_run c;

	run_rows(&c, &k);
	cs_writer_close(k.w, NULL);
	return end_rows(&c, &k, "filed");
}

static int
cmd_resolve(void)
{
	struct rowop k = { .change = CS_CHANGE_RESOLVE };
	struct cs_run c;

	run_rows(&c, &k);
	return end_rows(&c, &k, "resolved");
}

static int
cmd_objections(void)
{
	struct cs_writer *w;
	struct cs_error err;
	struct cs_run c;

	open_run(&c);
	w = cs_writer_new(stdout, cs_run_out_format(&c), 9, cs_objection_cols);
	cs_writer_begin(w);
	if (cs_objections_list(c.st, opt.state, opt.overdue,
	    cs_opt.as_of_str, w, &err) != 0)
		cs_run_fatal(&c, &err);
	cs_writer_close(w, NULL);
	return cs_run_close(&c);
}

static int
cmd_commitments(void)
{
	struct cs_writer *w;
	struct cs_error err;
	struct cs_run c;

	open_run(&c);
	w = cs_writer_new(stdout, cs_run_out_format(&c), 9, cs_commitment_cols);
	cs_writer_begin(w);
	if (cs_commitments_list(c.st, opt.flt.uscc, cs_opt.as_of_str, opt.state,
	    w, &err) != 0)
		cs_run_fatal(&c, &err);
	cs_writer_close(w, NULL);
	return cs_run_close(&c);
}

/* The progress line of export. */
static void
tick(void *pr)
{
	cs_progress_tick(pr);
}

static int
cmd_export(void)
{
	struct cs_error err;
	struct cs_run c;
	size_t i;

	open_run(&c);
	for (i = 0; i < opt.ntypes; i++)
		if (cs_rules_type(c.ru, opt.types[i],
		    strlen(opt.types[i])) == NULL)
			cs_usage_error(opt.cmd, "invalid --type '%s': not a "
			    "record type of catalog.json", opt.types[i]);
	cs_progress_start(&c.pr, "records", cs_opt.progress);
	if (cs_records_export(c.st, c.ru, cs_opt.as_of, &opt.flt,
	    cs_run_disclosure(&c, opt.cmd), stdout, cs_run_out_format(&c),
	    tick, &c.pr, &err) != 0)
		cs_run_fatal(&c, &err);
	cs_progress_end(&c.pr);
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
	r = cs_report_credit_file(c.st, c.ru, opt.uscc_buf, cs_opt.as_of_str,
	    cs_run_disclosure(&c, opt.cmd), &doc, &err);
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

/* add: --set, --batch, pilots; correct, resolve: +2; show, export: +4 */
static const struct argp_child add_children[] = {
	{ &cs_set_fill_argp, 0, NULL, 0 },
	{ &cs_batch_argp, 0, NULL, 0 },
	{ &cs_pilot_argp, 0, NULL, 0 },
	{ 0 }, { &cs_unmasked_argp, 0, NULL, 0 }, { 0 }
};

static const struct argp_option add_options[] = {
	{ "entities", OPT_ENTITIES, NULL, 0,
	  "ingest the entity register instead of records", 0 },
	{ 0 }
};

static const struct argp_option correct_options[] = {
	{ "clear", OPT_CLEAR, "COLUMN", 0,
	  "remove COLUMN's value from every corrected record (repeatable)",
	  0 },
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
	  "cs(7).", NULL, cmd_init, NULL, 0 },
	{ "add", "[FILE...]", cs_add_doc, add_options, cmd_add, add_children,
	  CS_USES_ROWS },
	{ "show", "USCC",
	  "Print an entity's whole credit file as one JSON document.\v"
	  "Examples:\n"
	  "  cs-record show 91350100M000100Y43\n"
	  "  cs-record show 91350100M000100Y43 | jq '.records[].type'\n\n"
	  "Each record has its publicity window on --as-of (published, "
	  "publicity_until, repair_from) and why (.publicity: state, regime, "
	  "never_repairable, a warning when the feed's publicity_end disagrees "
	  "with the rules).  ID numbers are masked unless --unmasked.  Exit "
	  "status: 1 when the entity is not in the store; see cs(7).", NULL,
	  cmd_show, add_children + 4, 0 },
	{ "export", "",
	  "Write records as a stream in the canonical columns, with seq, "
	  "disputed and the publicity window on --as-of.\vExamples:\n"
	  "  cs-record export --type=penalty --decided-from=2026-01-01\n"
	  "  cs-record -d copy.db init && cs-record export --unmasked |\n"
	  "    cs-record -d copy.db add\n\n"
	  "ID numbers are masked unless --unmasked; revoked records are left "
	  "out.\n\nExit status: see cs(7).", export_options, cmd_export,
	  add_children + 4,
	  CS_USES_OUT | CS_USES_PROGRESS },
	{ "correct", "[FILE...]",
	  "Correct records: a stream of id, reason and the changed columns."
	  "\vExamples:\n"
	  "  printf 'id,decided_on,reason\\nab12cd34ef56ab78,2025-03-02,"
	  "typo\\n' |\n"
	  "    cs-record correct\n"
	  "  cs-record correct --clear=note fixes.csv\n\n"
	  "Empty cells leave a column as it is.  The old version stays in "
	  "the ledger.  Exit status: see cs(7).", correct_options,
	  cmd_correct, add_children + 2, CS_USES_ROWS },
	{ "object", "[FILE...]",
	  "File objections to records: a stream of id, filed_on, reason."
	  "\vExamples:\n"
	  "  cs-record object objections.csv\n"
	  "  cs-record object --to=ndjson objections.csv | jq .answer_by\n\n"
	  "Writes the objections filed, with answer_by (working days from "
	  "objections.json).  Exit status: see cs(7).", NULL,
	  cmd_object, NULL, CS_USES_FILTER },
	{ "resolve", "[FILE...]",
	  "Resolve objections: objection_id, outcome (upheld or dismissed), "
	  "reason, resolved_on; an upheld one has revoke=true or corrected "
	  "columns.\vExamples:\n"
	  "  cs-record resolve answers.csv\n"
	  "  printf 'objection_id,outcome,reason\\n12,dismissed,basis "
	  "confirmed\\n' |\n"
	  "    cs-record resolve\n\n"
	  "Exit status: see cs(7).", NULL, cmd_resolve, add_children + 2,
	  CS_USES_ROWS },
	{ "objections", "",
	  "List objections with their answer deadlines.\vExamples:\n"
	  "  cs-record objections --state=open\n"
	  "  cs-record objections --overdue --as-of=2026-10-20\n\n"
	  "Exit status: see cs(7).", objections_options, cmd_objections, NULL,
	  CS_USES_OUT },
	{ "commitments", "",
	  "List credit commitments with their state on --as-of.\vExamples:\n"
	  "  cs-record commitments --state=overdue --as-of=2026-11-01\n"
	  "  cs-record commitments --state=overdue --as-of=2026-11-01 |\n"
	  "    cs-record add --set type=commitment_broken "
	  "--set decided_on=2026-11-01\n\n"
	  "Exit status: see cs(7).", commitments_options,
	  cmd_commitments, NULL, CS_USES_OUT },
	{ "reclassify", "", cs_reclassify_doc, NULL, cs_record_reclassify,
	  cs_reclassify_children, CS_USES_OUT },
	{ "verify", "", cs_verify_doc, NULL, cs_ledger_verify,
	  cs_verify_children, CS_USES_PROGRESS },
	{ "events", "", cs_events_doc, NULL, cs_ledger_events, NULL, 0 },
	{ "checkpoint", "", cs_checkpoint_doc, NULL, cs_ledger_checkpoint,
	  cs_checkpoint_children, 0 },
	{ "prove", "[SEQ]", cs_prove_doc, NULL, cs_ledger_prove,
	  cs_prove_children, 0 },
	{ "keygen", "", cs_keygen_doc, NULL, cs_ledger_keygen,
	  cs_keygen_children, 0 },
	{ NULL, NULL, NULL, NULL, NULL, NULL, 0 }
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
	"  reclassify   derive severities again after severity.json changed\n"
	"  verify       check the ledger and the tables\n"
	"  checkpoint   sign the ledger's tree head, to keep outside\n"
	"  prove        a proof of an event, or between two checkpoints\n"
	"  keygen       make the key that signs checkpoints\n\n"
	"Examples:\n"
	"  cs-record init && cs-record add --rejects=bad.csv records.csv\n"
	"  cs-record -d copy.db init && cs-record export --unmasked |\n"
	"    cs-record -d copy.db add\n\n"
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
	cmd = cs_command_parse(argc, argv, commands, top_doc, parse_opt,
	    chosen, name);
	rc = cmd->run();
	free(opt.args);
	cs_shared_release();
	cs_ledger_release();
	free(opt.clears);
	free(opt.types);
	return cs_finish(rc);
}
