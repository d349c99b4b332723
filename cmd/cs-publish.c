/*
 * cs-publish: the disclosure run.  Cuts releases of the published
 * decisions, lists and inspection results from the store (masked,
 * reproducible, chained, with a signed checkpoint of the ledger), tells
 * what is due, how late each authority published, and proves rows.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

static struct opts {
	const char *output;		/* release -o DIR */
	int style;			/* --headers */
	long within;			/* due --within, -1: publish.json */
	char from[11], to[11];		/* lateness */
	const char *previous;		/* verify --previous */
	int store;			/* verify --store */
	const char *pubkey;		/* verify --pubkey */
	const char *proof;		/* verify --proof */
	const char *key;		/* --key */
	const char *month;		/* summary --month */
	int json;			/* summary --format=json */
	char *args[2];			/* DIR, ROW-ID */
	struct cs_report_cmd report;	/* report: USCC..., --format */
	int nargs, maxargs;
	const char *cmd;
} opt = { .within = -1, .report = { .html = 1 } };

enum {
	OPT_HEADERS = 0x300, OPT_WITHIN, OPT_FROM, OPT_TO, OPT_PREVIOUS,
	OPT_STORE, OPT_PUBKEY, OPT_PROOF, OPT_KEY, OPT_MONTH, OPT_FORMAT
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'o':
		opt.output = opt.report.output = arg;
		break;
	case OPT_HEADERS:
		opt.style = cs_header_style_parse(arg);
		if (opt.style < 0)
			cs_argp_error(state, "invalid --headers '%s': use cn, "
			    "codes or canonical", arg);
		break;
	case OPT_WITHIN:
		opt.within = cs_opt_long(state, "--within", arg, 0, 3660);
		break;
	case OPT_FROM:
		cs_opt_date(state, "--since", arg, opt.from);
		break;
	case OPT_TO:
		cs_opt_date(state, "--until", arg, opt.to);
		break;
	case OPT_PREVIOUS:
		opt.previous = arg;
		break;
	case OPT_STORE:
		opt.store = 1;
		break;
	case OPT_PUBKEY:
		opt.pubkey = arg;
		break;
	case OPT_PROOF:
		opt.proof = arg;
		break;
	case OPT_KEY:
		opt.key = arg;
		break;
	case OPT_MONTH:
		opt.month = arg;
		break;
	case OPT_FORMAT:
		if (strcmp(arg, "html") != 0 && strcmp(arg, "json") != 0)
			cs_argp_error(state, "invalid --format '%s': use html "
			    "or json", arg);
		opt.report.html = strcmp(arg, "html") == 0;
		opt.json = strcmp(arg, "json") == 0;
		break;
	case ARGP_KEY_ARG:
		if (opt.maxargs < 0) {
			opt.report.uscc = cs_xreallocarray(opt.report.uscc,
			    opt.report.n + 1, sizeof(char *));
			opt.report.uscc[opt.report.n++] = arg;
			break;
		}
		if (opt.nargs >= opt.maxargs)
			cs_argp_error(state, "too many arguments (got '%s')",
			    arg);
		opt.args[opt.nargs++] = arg;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* The store's signing key and the origin of its checkpoints. */
static void
signer(struct cs_run *c, struct cs_key *k, char *origin, size_t n)
{
	struct cs_keyref ref;
	struct cs_error err;
	int made;

	cs_keyref_init(&ref, opt.key, getenv("CS_KEY"), cs_opt.db);
	if (cs_key_signer(&ref, k, &made, &err) != 0)
		cs_run_fatal(c, &err);
	if (made && !cs_opt.quiet)
		cs_warn("made key '%s' (public key '%s.pub'): keep it private "
		    "and publish the public key", ref.path, ref.path);
	cs_checkpoint_origin(cs_opt.db, origin, n);
}

static int
cmd_release(void)
{
	struct cs_release_in in = { 0 };
	struct cs_release_out out;
	struct cs_release prev;
	struct cs_tree_head th;
	struct cs_disclose dc;
	struct cs_error err;
	struct cs_run c;
	struct cs_key k;
	char origin[128], tmp[PATH_MAX], pdir[PATH_MAX], msg[512];
	long seq;
	int r, has_prev;

	if (opt.output == NULL)
		cs_usage_error("release", "give the releases directory with -o "
		    "DIR");
	cs_publish_run(&c, &dc);
	signer(&c, &k, origin, sizeof(origin));
	/* The cut: what the tree holds; later versions are left out. */
	r = cs_store_tree(c.st, &th, msg, sizeof(msg), &err);
	if (r != 0) {
		if (r > 0)
			cs_error_set(&err, CS_EX_FOUND, NULL, 0, "%s: nothing "
			    "is released; run 'cs-record verify'", msg);
		cs_run_fatal(&c, &err);
	}
	cs_run_begin(&c);
	r = cs_store_last_release(c.st, &prev, &err);
	if (r < 0)
		cs_run_fatal(&c, &err);
	if (r == 1 && strcmp(prev.as_of, cs_opt.as_of_str) >= 0)
		cs_usage_error("release", "--as-of %s is not after the last "
		    "release, %s", cs_opt.as_of_str, prev.as_of);
	has_prev = r == 1;
	if (has_prev)
		cs_fmt(pdir, sizeof(pdir), "%s/%s", opt.output,
		    prev.release_id);
	in = (struct cs_release_in){ .st = c.st, .ru = c.ru, .dc = &dc,
	    .key = &k, .origin = origin, .as_of = cs_opt.as_of,
	    .style = opt.style, .cut = th.size, .prev = has_prev ? &prev :
	    NULL, .prev_dir = pdir };
	if (cs_release_dir_make(opt.output, tmp, sizeof(tmp), &err) != 0)
		cs_run_fatal(&c, &err);
	if (cs_release_build(&in, tmp, &out, &err) != 0 ||
	    cs_release_record(&in, &out, &seq, &err) != 0 ||
	    cs_release_dir_commit(opt.output, tmp,
	    cs_opt.as_of_str, &err) != 0) {
		cs_release_dir_discard(tmp);
		cs_run_fatal(&c, &err);
	}
	cs_run_commit(&c);
	printf("%s/%s\n", opt.output, cs_opt.as_of_str);
	if (!cs_opt.quiet)
		cs_warn("released %s: %ld rows (delta: %ld added, %ld changed, "
		    "%ld removed), ledger seq %ld, manifest %.16s",
		    cs_opt.as_of_str, out.rows, out.adds, out.mods, out.dels,
		    seq, out.manifest_sha256);
	cs_release_out_free(&out);
	cs_disclose_release(&dc);
	return cs_run_close(&c);
}

static int
cmd_due(void)
{
	struct cs_disclose dc;
	struct cs_error err;
	struct cs_writer *w;
	struct cs_run c;
	long overdue;

	cs_publish_run(&c, &dc);
	w = cs_writer_new(stdout, cs_run_out_format(&c), CS_DUE_NCOLS,
	    cs_due_cols);
	cs_writer_begin(w);
	if (cs_due_write(c.st, c.ru, &dc, cs_opt.as_of, opt.within >= 0 ?
	    (int)opt.within : dc.soon_days, w, &overdue, &err) != 0)
		cs_run_fatal(&c, &err);
	cs_writer_close(w, NULL);
	if (!cs_opt.quiet)
		cs_warn("%ld overdue on %s", overdue, cs_opt.as_of_str);
	if (overdue > 0)
		cs_run_status(&c, CS_EX_FOUND);
	cs_disclose_release(&dc);
	return cs_run_close(&c);
}

static int
cmd_lateness(void)
{
	struct cs_disclose dc;
	struct cs_error err;
	struct cs_writer *w;
	struct cs_run c;
	int from = -1, to = -1;
	long nocal;

	if (opt.from[0] != '\0')
		cs_date_parse(opt.from, 10, &from);
	if (opt.to[0] != '\0')
		cs_date_parse(opt.to, 10, &to);
	cs_publish_run(&c, &dc);
	w = cs_writer_new(stdout, cs_run_out_format(&c), CS_LATE_NCOLS,
	    cs_late_cols);
	cs_writer_begin(w);
	if (cs_lateness_write(c.st, c.ru, &dc, from, to, cs_opt.as_of, w,
	    &nocal, &err) != 0)
		cs_run_fatal(&c, &err);
	cs_writer_close(w, NULL);
	if (nocal > 0)
		cs_warn("%ld published decisions of years the calendar lacks "
		    "are left out", nocal);
	cs_disclose_release(&dc);
	return cs_run_close(&c);
}

/* The key to check with: --pubkey, else the store's. */
static void
verifier(struct cs_key *k)
{
	struct cs_keyref ref;
	struct cs_error err;
	char path[PATH_MAX];

	cs_keyref_init(&ref, NULL, getenv("CS_KEY"), cs_opt.db);
	if (cs_key_verifier(opt.pubkey, &ref, k, path, sizeof(path), &err) !=
	    0)
		cs_die_err(&err);
}

static int
verify_proof(void)
{
	struct cs_error err;
	struct cs_proof p;
	struct cs_key k;
	char msg[768];
	int rc;

	verifier(&k);
	if (cs_proof_load(opt.proof, &p, &err) != 0)
		cs_die_err(&err);
	rc = cs_proof_check(&p, &k, msg, sizeof(msg));
	if (rc != 0 || !cs_opt.quiet)
		cs_warn("proof '%s': %s", opt.proof, msg);
	cs_proof_release(&p);
	return rc != 0 ? CS_EX_FOUND : CS_EX_OK;
}

static int
cmd_verify(void)
{
	struct cs_release_check ck;
	struct cs_error err;
	struct cs_key k;
	int r;

	if (opt.proof != NULL) {
		if (opt.nargs > 0)
			cs_usage_error("verify", "--proof is checked alone: give "
			    "no DIR");
		return verify_proof();
	}
	if (opt.nargs != 1)
		cs_usage_error("verify", "give the release directory DIR");
	if (opt.pubkey != NULL)
		verifier(&k);
	r = cs_release_verify(opt.args[0], opt.previous, opt.pubkey != NULL ?
	    &k : NULL, &ck, &err);
	if (r < 0)
		cs_die_err(&err);
	if (r > 0) {
		cs_warn("%s: %s", opt.args[0], ck.msg);
		return CS_EX_FOUND;
	}
	if (opt.store && cs_publish_verify_store(opt.args[0], opt.previous,
	    &ck) != CS_EX_OK)
		return CS_EX_FOUND;
	if (!cs_opt.quiet)
		cs_warn("verified release %s: %ld files, checkpoint of ledger "
		    "seq %ld%s%s%s", ck.release_id, ck.files, ck.cut,
		    opt.previous != NULL ? ", chained to " : "",
		    opt.previous != NULL ? ck.previous : "",
		    opt.store ? ", equal to the store's" : "");
	return CS_EX_OK;
}

static int
cmd_prove(void)
{
	struct cs_checkpoint cp;
	struct cs_error err;
	struct cs_run c;
	struct cs_buf b;
	char path[PATH_MAX], file[64], msg[768];
	long seq;
	int r;

	if (opt.nargs != 2)
		cs_usage_error("prove", "give the release directory DIR and a "
		    "ROW-ID");
	r = cs_release_row_seq(opt.args[0], opt.args[1], &seq, file,
	    sizeof(file), &err);
	if (r < 0)
		cs_die_err(&err);
	if (r == 0) {
		cs_warn("%s: no published row '%s'", opt.args[0], opt.args[1]);
		return CS_EX_FOUND;
	}
	cs_fmt(path, sizeof(path), "%s/checkpoint", opt.args[0]);
	if (cs_checkpoint_load(path, &cp, &err) != 0)
		cs_die_err(&err);
	{
		struct cs_run_opts o = { .com = &cs_opt, .tool = "cs-publish",
		    .need_store = 1 };

		cs_run_open(&c, &o);
	}
	cs_buf_init(&b);
	r = cs_prove(c.st, seq, &cp, NULL, &b, msg, sizeof(msg), &err);
	if (r < 0)
		cs_run_fatal(&c, &err);
	if (r > 0) {
		cs_warn("%s", msg);
		cs_run_status(&c, CS_EX_FOUND);
	} else {
		fwrite(b.s, 1, b.len, stdout);
		if (!cs_opt.quiet)
			cs_warn("row '%s' of %s: ledger seq %ld is in the "
			    "checkpoint's tree of size %ld", opt.args[1], file,
			    seq, cp.size);
	}
	cs_buf_release(&b);
	cs_checkpoint_release(&cp);
	return cs_run_close(&c);
}

static int
cmd_report(void)
{
	int rc = cs_report_main(&opt.report);

	free(opt.report.uscc);
	return rc;
}

static int
cmd_verify_report(void)
{
	if (opt.nargs != 1)
		cs_usage_error("verify-report", "give one report FILE");
	return cs_verify_report_main(opt.args[0]);
}

static const struct argp_option report_options[] = {
	{ "format", OPT_FORMAT, "FORMAT", 0, "html (default): a page to "
	  "read and print; json: canonical JSON, one report a line", 0 },
	{ "output", 'o', "FILE", 0, "write to FILE (json, or html of one "
	  "USCC), or into the directory FILE, made when missing, one "
	  "report-USCC.html each (html of several)", 0 },
	{ 0 }
};

static int
cmd_summary(void)
{
	return cs_summary_main(opt.month, opt.json, opt.output);
}

static const struct argp_option summary_options[] = {
	{ "month", OPT_MONTH, "YYYY-MM", 0, "the month reported (required)",
	  0 },
	{ "format", OPT_FORMAT, "FORMAT", 0, "html (default: the page) or "
	  "json (its figures)", 0 },
	{ "output", 'o', "FILE", 0, "write FILE (whole, or not at all) "
	  "instead of stdout", 0 },
	{ 0 }
};

static const struct argp_option release_options[] = {
	{ "output", 'o', "DIR", 0, "the releases directory: the release goes "
	  "to DIR/DATE, DIR/latest links to it", 0 },
	{ "headers", OPT_HEADERS, "NAMES", 0, "headers of licences.csv and "
	  "penalties.csv: cn (default), codes or canonical", 0 },
	{ "key", OPT_KEY, "FILE", 0, "the signing key of the checkpoint "
	  "(default: $CS_KEY, else the store's own, STORE.key)", 0 },
	{ 0 }
};

static const struct argp_option due_options[] = {
	{ "within", OPT_WITHIN, "DAYS", 0, "also what falls due within DAYS "
	  "days (default: due_soon_days of publish.json)", 0 },
	{ 0 }
};

static const struct argp_option lateness_options[] = {
	{ "since", OPT_FROM, "DATE", 0, "decisions from DATE", 0 },
	{ "until", OPT_TO, "DATE", 0, "decisions up to DATE", 0 },
	{ 0 }
};

static const struct argp_option verify_options[] = {
	{ "previous", OPT_PREVIOUS, "DIR2", 0, "check the chain to the "
	  "previous release DIR2 and the consistency of their checkpoints", 0 },
	{ "store", OPT_STORE, NULL, 0, "recompute the release from the store "
	  "as it was at the cut (replayed aside when it has moved on) and "
	  "compare byte for byte", 0 },
	{ "pubkey", OPT_PUBKEY, "FILE", 0, "the public key the checkpoint must "
	  "be signed with", 0 },
	{ "proof", OPT_PROOF, "FILE", 0, "check a proof of 'cs-publish prove' "
	  "without the store", 0 },
	{ 0 }
};

static const struct cs_command commands[] = {
	{ "release", "",
	  "Cut a release of what is published on --as-of: a directory of "
	  "files, a manifest and a signed checkpoint; prints its path.\v"
	  "Examples:\n"
	  "  cs-publish release --as-of=2026-11-30 -o releases\n"
	  "  cs-publish release -o releases --headers=codes && "
	  "rsync -a releases/ web:/pub/\n\n"
	  "The release id is the --as-of date; a date not after the last "
	  "release is refused (exit 64): to publish again on that day, cut "
	  "the release of the next day.  The same store and --as-of give the "
	  "same bytes.  Exit status: see cs(7).", release_options,
	  cmd_release, NULL, 0 },
	{ "due", "",
	  "The disclosure compliance list on --as-of: kind, status, deadline, "
	  "id, uscc, name, type, authority, decided_on, note.\vExamples:\n"
	  "  cs-publish due --as-of=2026-11-30\n"
	  "  cs-publish due -q > due.csv || mail -s overdue audit < due.csv\n\n"
	  "Exit status: 1 when something is overdue; see cs(7).",
	  due_options, cmd_due, NULL, CS_USES_OUT },
	{ "lateness", "",
	  "Per authority and month: decisions published on time, late or not "
	  "yet, from the release events.\vExamples:\n"
	  "  cs-publish lateness --since=2026-01-01 --until=2026-06-30\n"
	  "  cs-publish lateness --to=ndjson | jq 'select(.late > 0)'\n\n"
	  "--since and --until bound the decision dates (--to is the output "
	  "format, as everywhere).  Exit status: see cs(7).", lateness_options, cmd_lateness, NULL,
	  CS_USES_OUT },
	{ "verify", "[DIR]",
	  "Check a release: every file, the manifest chain and the "
	  "checkpoint; or a proof of prove.\vExamples:\n"
	  "  cs-publish verify releases/2026-12-31 "
	  "--previous=releases/2026-11-30\n"
	  "  cs-publish verify --proof=row.proof --pubkey=credit.db.key.pub\n\n"
	  "Exit status: 0 when it holds, 1 naming the first difference; see "
	  "cs(7).", verify_options, cmd_verify, NULL, 0 },
	{ "prove", "DIR ROW-ID",
	  "Print a proof that the ledger event behind a published row is in "
	  "the tree of the release's checkpoint.\vExamples:\n"
	  "  cs-publish prove releases/latest P-2026-0042 > row.proof\n"
	  "  cs-publish verify --proof=row.proof\n\n"
	  "Exit status: 1 when the row is not published there; see cs(7).",
	  NULL, cmd_prove, NULL, 0 },
	{ "report", "[USCC...]", cs_report_doc, report_options, cmd_report,
	  NULL, CS_USES_ROWS },
	{ "verify-report", "FILE", cs_verify_report_doc, NULL,
	  cmd_verify_report, NULL, 0 },
	{ "summary", "", cs_summary_doc, summary_options, cmd_summary,
	  NULL, 0 },
	{ NULL, NULL, NULL, NULL, NULL, NULL, 0 }
};

static const char top_doc[] =
	"The disclosure run: releases of published decisions, masked, "
	"reproducible, chained to the ledger.\v"
	"Commands:\n"
	"  release   cut a release directory on --as-of\n"
	"  due       what is due or overdue to publish or withdraw\n"
	"  lateness  decisions published on time, late, not yet\n"
	"  verify    check a release, its chain and checkpoint\n"
	"  prove     prove a published row is in the ledger\n"
	"  report    the credit report of entities (HTML or JSON)\n"
	"  verify-report  check a credit report: genuine, current\n"
	"  summary   the monthly supervision report (HTML or JSON)\n\n"
	"Examples:\n"
	"  cs-publish release --as-of=2026-11-30 -o releases\n"
	"  cs-publish verify releases/latest\n\n"
	"'cs-publish COMMAND --help' describes a command.  "
	"Exit status: see cs(7).";

static void
chosen(const struct cs_command *cmd)
{
	opt.cmd = cmd->name;
	opt.maxargs = strcmp(cmd->name, "prove") == 0 ? 2 :
	    strcmp(cmd->name, "verify") == 0 ? 1 :
	    strcmp(cmd->name, "verify-report") == 0 ? 1 :
	    strcmp(cmd->name, "report") == 0 ? -1 : 0;
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
	return cs_finish(rc);
}
