/*
 * What several commands of cs-publish share (see publish_cmd.h): the run with
 * the rules of publish.json, and a release recomputed from the store.
 */
#include <limits.h>
#include <stdlib.h>

#include "cli/messages.h"
#include "cli/options.h"
#include "cli/publish_cmd.h"
#include "cli/run.h"
#include "ops/checkpoints.h"
#include "ops/release.h"
#include "store/store.h"

void
cs_publish_run(struct cs_run *c, struct cs_disclose *dc)
{
	struct cs_run_opts o = { .com = &cs_opt, .tool = "cs-publish",
	    .need_store = 1 };
	struct cs_error err;

	cs_run_open(c, &o);
	if (cs_disclose_load(dc, c->ru->dir, &err) != 0)
		cs_run_fatal(c, &err);
}

int
cs_publish_verify_store(const char *dir, const char *previous,
    const struct cs_release_check *ck)
{
	struct cs_release_in in = { 0 };
	struct cs_release_out out;
	struct cs_release rel, prev;
	struct cs_tree_head th;
	struct cs_disclose dc;
	struct cs_error err;
	struct cs_run c;
	struct cs_key k;
	char origin[128], tmp[PATH_MAX], pdir[PATH_MAX], msg[1024];
	char sdir[PATH_MAX] = "", spath[PATH_MAX];
	const char *t = getenv("TMPDIR");
	struct cs_store *at = NULL;
	struct cs_keyref ref;
	int r;

	cs_publish_run(&c, &dc);
	if (cs_store_release(c.st, ck->release_id, &rel, &err) != 1 ||
	    (rel.previous[0] != '\0' && cs_store_release(c.st, rel.previous,
	    &prev, &err) != 1))
		cs_error_set(&err, CS_EX_FOUND, NULL, 0, "release '%s' is not "
		    "in the store '%s'", ck->release_id, cs_opt.db);
	else if (cs_store_tree(c.st, &th, msg, sizeof(msg), &err) != 0)
		cs_error_set(&err, CS_EX_FOUND, NULL, 0, "the ledger does not "
		    "verify: run 'cs-record verify'");
	else
		err.code = 0;
	if (err.code != 0)
		cs_run_fatal(&c, &err);
	/* The store's key signs the checkpoint again; none is made here. */
	cs_keyref_init(&ref, NULL, getenv("CS_KEY"), cs_opt.db);
	if (cs_key_load(ref.path, 1, &k, &err) != 0)
		cs_run_fatal(&c, &err);
	cs_checkpoint_origin(cs_opt.db, origin, sizeof(origin));
	/* Moved on since: the store as it was at the cut, replayed aside. */
	if (th.size != rel.seq) {
		if (cs_release_dir_make(t != NULL ? t : "/tmp", sdir,
		    sizeof(sdir), &err) != 0)
			cs_run_fatal(&c, &err);
		cs_fmt(spath, sizeof(spath), "%s/rewound.db", sdir);
		if (cs_store_rewind(c.st, rel.cut_seq, spath, &at, &err) != 0) {
			cs_release_dir_discard(sdir);
			cs_run_fatal(&c, &err);
		}
	}
	cs_fmt(pdir, sizeof(pdir), "%s/../%s", dir, rel.previous);
	if (previous != NULL)
		cs_fmt(pdir, sizeof(pdir), "%s", previous);
	in = (struct cs_release_in){ .st = at != NULL ? at : c.st, .ru = c.ru,
	    .dc = &dc, .key = &k, .origin = origin, .as_of = 0,
	    .style = cs_header_style_parse(ck->headers),
	    .cut = rel.cut_seq, .prev = rel.previous[0] ? &prev : NULL,
	    .prev_dir = pdir };
	cs_date_parse(rel.as_of, 10, &in.as_of);
	if (cs_release_dir_make(t != NULL ? t : "/tmp", tmp, sizeof(tmp),
	    &err) != 0)
		cs_run_fatal(&c, &err);
	r = cs_release_build(&in, tmp, &out, &err);
	cs_store_close(at);
	if (at != NULL)
		cs_release_dir_discard(sdir);
	if (r != 0) {
		cs_release_dir_discard(tmp);
		cs_run_fatal(&c, &err);
	}
	r = cs_release_compare(dir, tmp, msg, sizeof(msg));
	cs_release_dir_discard(tmp);
	cs_release_out_free(&out);
	if (r != 0) {
		cs_warn("%s: %s", dir, msg);
		cs_run_status(&c, CS_EX_FOUND);
	}
	cs_disclose_release(&dc);
	return cs_run_close(&c) != 0 ? CS_EX_FOUND : CS_EX_OK;
}
