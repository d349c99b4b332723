/*
 * keygen, checkpoint, prove and verify of cs-record: options, help and
 * the talking side of ops/checkpoints.c (what is said on stderr, what
 * goes to stdout or -o, the exit status).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/ledger_cmd.h"
#include "cli/messages.h"
#include "cli/options.h"
#include "cli/run.h"
#include "ops/checkpoints.h"

struct cs_ledger_opts cs_ledger;

enum {
	OPT_KEY = 0x280,
	OPT_PUBKEY,
	OPT_CHECKPOINT,
	OPT_PROOF
};

static void
push(const char ***list, size_t *n, const char *s)
{
	*list = cs_xreallocarray(*list, *n + 1, sizeof(char *));
	(*list)[(*n)++] = s;
}

static error_t
parse_ledger(int key, char *arg, struct argp_state *state)
{
	if (arg != NULL && *arg == '\0')
		cs_argp_error(state, "invalid %s ''", key == 'o' ? "-o" :
		    key == OPT_KEY ? "--key" : key == OPT_PUBKEY ? "--pubkey" :
		    key == OPT_CHECKPOINT ? "--checkpoint" : "--proof");
	switch (key) {
	case OPT_KEY:
		cs_ledger.key = arg;
		break;
	case OPT_PUBKEY:
		cs_ledger.pubkey = arg;
		break;
	case 'o':
		cs_ledger.output = arg;
		break;
	case OPT_CHECKPOINT:
		push(&cs_ledger.checkpoints, &cs_ledger.ncheckpoints, arg);
		break;
	case OPT_PROOF:
		push(&cs_ledger.proofs, &cs_ledger.nproofs, arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp_option key_options[] = {
	{ "key", OPT_KEY, "FILE", 0,
	  "the signing key (default: $CS_KEY, else the store's own, "
	  "STORE.key)", 0 },
	{ 0 }
};

static const struct argp_option output_options[] = {
	{ "output", 'o', "FILE", 0, "write to FILE instead of stdout", 0 },
	{ 0 }
};

static const struct argp_option checkpoint_options[] = {
	{ "checkpoint", OPT_CHECKPOINT, "FILE", 0,
	  "a checkpoint the ledger must hold (repeatable)", 0 },
	{ 0 }
};

static const struct argp_option prove_options[] = {
	{ "checkpoint", OPT_CHECKPOINT, "FILE", 0,
	  "the checkpoint the proof leads to (twice: a consistency proof "
	  "between them)", 0 },
	{ 0 }
};

static const struct argp_option verify_options[] = {
	{ "pubkey", OPT_PUBKEY, "FILE", 0,
	  "check signatures with this public key (default: that of the "
	  "signing key, or its FILE.pub)", 0 },
	{ "proof", OPT_PROOF, "FILE", 0,
	  "check a proof of cs-record prove, without the store (repeatable)",
	  0 },
	{ 0 }
};

static const struct argp key_argp = {
	key_options, parse_ledger, NULL, NULL, NULL, NULL, NULL
};
static const struct argp output_argp = {
	output_options, parse_ledger, NULL, NULL, NULL, NULL, NULL
};
static const struct argp checkpoint_argp = {
	checkpoint_options, parse_ledger, NULL, NULL, NULL, NULL, NULL
};
static const struct argp prove_argp = {
	prove_options, parse_ledger, NULL, NULL, NULL, NULL, NULL
};
static const struct argp verify_argp = {
	verify_options, parse_ledger, NULL, NULL, NULL, NULL, NULL
};

const struct argp_child cs_keygen_children[] = {
	{ &key_argp, 0, NULL, 0 },
	{ 0 }
};

const struct argp_child cs_checkpoint_children[] = {
	{ &key_argp, 0, NULL, 0 },
	{ &output_argp, 0, NULL, 0 },
	{ 0 }
};

const struct argp_child cs_prove_children[] = {
	{ &prove_argp, 0, NULL, 0 },
	{ &output_argp, 0, NULL, 0 },
	{ 0 }
};

const struct argp_child cs_verify_children[] = {
	{ &checkpoint_argp, 0, NULL, 0 },
	{ &verify_argp, 0, NULL, 0 },
	{ 0 }
};

const char cs_keygen_doc[] =
	"Make the key that signs the store's checkpoints.\v"
	"Examples:\n"
	"  cs-record keygen > credit.db.pub\n"
	"  cs-record keygen --key=/etc/cs/ledger.key\n\n"
	"The key (STORE.key, or --key, or $CS_KEY) is made with mode 0600 and "
	"never over an existing file; its public key goes to FILE.pub and to "
	"stdout, to be published.  Exit status: see cs(7).";

const char cs_events_doc[] =
	"Print the ledger: each event as the canonical JSON its hash is the "
	"SHA-256 of, one a line.\v"
	"Examples:\n"
	"  cs-record events | tail -1 | tr -d '\\n' | sha256sum\n"
	"  cs-record events | jq -c 'select(.action == \"correct\")'\n\n"
	"A body stored packed is given as the JSON it was hashed as, so the "
	"chain can be checked without cs: each line's SHA-256 is the hash of "
	"its event, and the prev_hash of the next.  Exit status: see cs(7).";

const char cs_checkpoint_doc[] =
	"Sign a checkpoint of the ledger: its origin, tree size and Merkle "
	"root.\v"
	"Examples:\n"
	"  cs-record checkpoint -o checkpoints/$(date +%F)\n"
	"  cs-record checkpoint | mail -s 'credit.db checkpoint' audit\n\n"
	"The store's own key (STORE.key) is made at first use.  Kept outside "
	"the store, a checkpoint lets 'cs-record verify --checkpoint' find a "
	"ledger cut short or rewritten.  Exit status: 1 when the ledger is "
	"broken (nothing is signed); see cs(7).";

const char cs_prove_doc[] =
	"Print a proof that event SEQ is in a checkpoint's tree, or, with two "
	"checkpoints, that the first tree is the start of the second.\v"
	"Examples:\n"
	"  cs-record prove 42 --checkpoint=cp-2026-11 > seq42.tlog-proof\n"
	"  cs-record prove --checkpoint=cp-10 --checkpoint=cp-11 > cp.proof\n\n"
	"'cs-record verify --proof' checks it without the store.  Exit "
	"status: 1 when a checkpoint does not match the ledger; see cs(7).";

const char cs_verify_doc[] =
	"Check the store: SQLite's integrity check, the ledger's hash chain, "
	"every table re-derived from it, and checkpoints made before.\v"
	"Examples:\n"
	"  cs-record verify --checkpoint=checkpoints/2026-11-01\n"
	"  cs-record verify --pubkey=credit.db.pub --proof=seq42.tlog-proof\n\n"
	"Exit status: 0 clean, 1 naming the first bad sequence number or "
	"checkpoint; see cs(7).";

void
cs_ledger_release(void)
{
	free(cs_ledger.checkpoints);
	free(cs_ledger.proofs);
	memset(&cs_ledger, 0, sizeof(cs_ledger));
}

/* The run of a command that reads the store. */
static void
open_store(struct cs_run *c)
{
	struct cs_run_opts o = { 0 };

	o.com = &cs_opt;
	o.tool = "cs-record";
	o.need_store = 1;
	cs_run_open(c, &o);
}

/* Write the n bytes at s to -o FILE (through a temporary) or stdout. */
static void
output(struct cs_run *c, const char *s, size_t n)
{
	struct cs_error err;
	char tmp[4200];
	FILE *fp;

	if (cs_ledger.output == NULL) {
		/* Written and flushed now: its error is said with its errno. */
		fwrite(s, 1, n, stdout);
		if (cs_stdout_flush(&err) != 0)
			cs_run_fatal(c, &err);
		return;
	}
	fp = cs_publish_open(cs_ledger.output, tmp, sizeof(tmp), &err);
	if (fp == NULL)
		cs_run_fatal(c, &err);
	fwrite(s, 1, n, fp);
	if (cs_publish_close(fp, 0, tmp, cs_ledger.output, &err) != 0)
		cs_run_fatal(c, &err);
}

int
cs_ledger_keygen(void)
{
	struct cs_keyref ref;
	struct cs_error err;
	struct cs_buf b;
	struct cs_key k;

	cs_keyref_init(&ref, cs_ledger.key, getenv("CS_KEY"), cs_opt.db);
	if (cs_key_make(&ref, &k, &err) != 0)
		cs_die_err(&err);
	cs_buf_init(&b);
	cs_key_format(&k, 0, &b);
	fwrite(b.s, 1, b.len, stdout);
	cs_buf_release(&b);
	if (cs_stdout_flush(&err) != 0)
		cs_die_err(&err);
	if (!cs_opt.quiet)
		cs_warn("made key '%s' and its public key '%s.pub'", ref.path,
		    ref.path);
	return CS_EX_OK;
}

int
cs_ledger_events(void)
{
	struct cs_store_iter *it = NULL;
	struct cs_error err;
	struct cs_event ev;
	struct cs_run c;
	struct cs_buf b;
	int rc;

	open_store(&c);
	cs_buf_init(&b);
	if (cs_store_iter_events(c.st, &it, &err) != 0)
		cs_run_fatal(&c, &err);
	while ((rc = cs_store_next_event(it, &ev, &err)) == 1) {
		cs_store_event_json(&ev, &b);
		cs_buf_addc(&b, '\n');
		fwrite(b.s, 1, b.len, stdout);
	}
	cs_store_iter_free(it);
	cs_buf_release(&b);
	if (rc < 0)
		cs_run_fatal(&c, &err);
	if (cs_stdout_flush(&err) != 0)
		cs_run_fatal(&c, &err);
	return cs_run_close(&c);
}

int
cs_ledger_checkpoint(void)
{
	struct cs_tree_head th;
	struct cs_keyref ref;
	struct cs_error err;
	struct cs_run c;
	struct cs_buf b;
	struct cs_key k;
	char origin[128], msg[512];
	int made, rc;

	open_store(&c);
	cs_keyref_init(&ref, cs_ledger.key, getenv("CS_KEY"), cs_opt.db);
	if (cs_key_signer(&ref, &k, &made, &err) != 0)
		cs_run_fatal(&c, &err);
	if (made && !cs_opt.quiet)
		cs_warn("made key '%s' (public key '%s.pub'): keep it private "
		    "and publish the public key", ref.path, ref.path);
	cs_checkpoint_origin(cs_opt.db, origin, sizeof(origin));
	cs_buf_init(&b);
	rc = cs_checkpoint_make(c.st, origin, &k, &b, &th, msg, sizeof(msg),
	    &err);
	if (rc < 0)
		cs_run_fatal(&c, &err);
	if (rc > 0) {
		cs_warn("%s", msg);
		cs_warn("no checkpoint signed: run 'cs-record verify'");
		cs_run_status(&c, CS_EX_FOUND);
	} else {
		output(&c, b.s, b.len);
		if (!cs_opt.quiet)
			cs_warn("signed tree size %ld with key '%s+%08lx' "
			    "(%ld events read)", th.size, k.name,
			    (unsigned long)k.id, th.read);
	}
	cs_buf_release(&b);
	return cs_run_close(&c);
}

/* Read the checkpoint at path, or report and exit. */
static void
load_checkpoint(struct cs_run *c, const char *path, struct cs_checkpoint *cp)
{
	struct cs_error err;

	if (cs_checkpoint_load(path, cp, &err) != 0)
		cs_run_fatal(c, &err);
}

int
cs_ledger_prove(void)
{
	struct cs_checkpoint cp[2];
	struct cs_error err;
	struct cs_run c;
	struct cs_buf b;
	char msg[768];
	size_t i;
	int rc;

	if (cs_ledger.seq > 0 ? cs_ledger.ncheckpoints != 1 :
	    cs_ledger.ncheckpoints != 2)
		cs_usage_error("prove", "give SEQ and one --checkpoint, or two "
		    "--checkpoint and no SEQ");
	open_store(&c);
	memset(cp, 0, sizeof(cp));
	for (i = 0; i < cs_ledger.ncheckpoints; i++)
		load_checkpoint(&c, cs_ledger.checkpoints[i], &cp[i]);
	cs_buf_init(&b);
	rc = cs_prove(c.st, cs_ledger.seq, &cp[0], cs_ledger.seq > 0 ? NULL :
	    &cp[1], &b, msg, sizeof(msg), &err);
	if (rc < 0)
		cs_run_fatal(&c, &err);
	if (rc > 0) {
		cs_warn("%s", msg);
		cs_run_status(&c, CS_EX_FOUND);
	} else {
		output(&c, b.s, b.len);
	}
	cs_buf_release(&b);
	for (i = 0; i < 2; i++)
		cs_checkpoint_release(&cp[i]);
	return cs_run_close(&c);
}

/* verify --proof: each proof on its own, no store. */
static int
verify_proofs(void)
{
	struct cs_keyref ref;
	struct cs_error err;
	struct cs_proof p;
	struct cs_key k;
	char path[4200], msg[768];
	size_t i;
	int rc = CS_EX_OK;

	if (cs_ledger.ncheckpoints > 0)
		cs_usage_error("verify", "--proof is checked without the store: "
		    "give it without --checkpoint");
	cs_keyref_init(&ref, NULL, getenv("CS_KEY"), cs_opt.db);
	if (cs_key_verifier(cs_ledger.pubkey, &ref, &k, path, sizeof(path),
	    &err) != 0)
		cs_die_err(&err);
	for (i = 0; i < cs_ledger.nproofs; i++) {
		if (cs_proof_load(cs_ledger.proofs[i], &p, &err) != 0) {
			cs_warn_err(&err);
			if (rc == CS_EX_OK || rc == CS_EX_FOUND)
				rc = err.code;
			continue;
		}
		if (cs_proof_check(&p, &k, msg, sizeof(msg)) != 0) {
			cs_warn("proof '%s': %s", cs_ledger.proofs[i], msg);
			if (rc == CS_EX_OK)
				rc = CS_EX_FOUND;
		} else if (!cs_opt.quiet) {
			cs_warn("proof '%s': %s", cs_ledger.proofs[i], msg);
		}
		cs_proof_release(&p);
	}
	return rc;
}

/* What verify says of the store and its checkpoints; its status. */
static int
verify_report(const struct cs_verify *v, const struct cs_held_to *h,
    size_t n, int rc)
{
	long bad = v->bad_seq, bad_to = 0;
	size_t i;

	if (v->damaged) {
		cs_warn("%s", v->msg);
		cs_warn("verify failed: the store file is damaged; restore it "
		    "from a copy");
		return CS_EX_FOUND;
	}
	if (v->bad_seq > 0)
		cs_warn("%s", v->msg);
	else if (!cs_opt.quiet && rc == 0)
		cs_warn("verified %ld events: the chain is intact and the "
		    "tables match the ledger (tree size %ld, head %s)",
		    v->events, v->chained, v->head);
	for (i = 0; i < n; i++) {
		if (h[i].state != CS_HELD_MATCHES || !cs_opt.quiet)
			cs_warn("%s", h[i].msg);
		if (h[i].bad_seq > 0 && (bad == 0 || h[i].bad_seq < bad)) {
			bad = h[i].bad_seq;
			bad_to = h[i].bad_to;
		}
	}
	if (rc == 0)
		return CS_EX_OK;
	/* A tree that differs blames a range: it cannot tell which event. */
	if (bad > 0 && bad_to > bad)
		cs_warn("verify failed: some event of ledger seq %ld to %ld "
		    "differs from what a checkpoint signed", bad, bad_to);
	else if (bad > 0)
		cs_warn("verify failed at ledger seq %ld", bad);
	else
		cs_warn("verify failed: a checkpoint does not hold");
	return CS_EX_FOUND;
}

int
cs_ledger_verify(void)
{
	struct cs_held_to *h = NULL;
	struct cs_keyref ref;
	struct cs_verify v;
	struct cs_error err;
	struct cs_run c;
	struct cs_key k;
	char path[4200], origin[128];
	size_t i, n = cs_ledger.ncheckpoints;
	int rc;

	if (cs_ledger.nproofs > 0)
		return verify_proofs();
	memset(&k, 0, sizeof(k));
	open_store(&c);
	h = cs_xcalloc(n ? n : 1, sizeof(*h));
	for (i = 0; i < n; i++) {
		h[i].path = cs_ledger.checkpoints[i];
		load_checkpoint(&c, h[i].path, &h[i].cp);
	}
	cs_keyref_init(&ref, NULL, getenv("CS_KEY"), cs_opt.db);
	if (n > 0 && cs_key_verifier(cs_ledger.pubkey, &ref, &k, path,
	    sizeof(path), &err) != 0)
		cs_run_fatal(&c, &err);
	cs_progress_start(&c.pr, "events", cs_opt.progress);
	cs_checkpoint_origin(cs_opt.db, origin, sizeof(origin));
	rc = cs_checkpoints_verify(c.st, h, n, &k, origin,
	    cs_progress_callback, &c.pr, &v, &err);
	cs_progress_end(&c.pr);
	if (rc < 0)
		cs_run_fatal(&c, &err);
	cs_run_status(&c, verify_report(&v, h, n, rc));
	for (i = 0; i < n; i++)
		cs_checkpoint_release(&h[i].cp);
	free(h);
	return cs_run_close(&c);
}
