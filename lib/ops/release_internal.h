/*
 * Between the files that cut a release (release*.c), not for commands.
 * Calls between them run one way: release.c, which builds the release
 * file by file, calls release_delta.c (the delta against the previous
 * release, and the granted repairs both judge records by) and
 * release_dir.c (the directory: its files created, hashed and synced,
 * the checkpoint and the manifest); those two call neither.
 */
#ifndef CS_OPS_RELEASE_INTERNAL_H
#define CS_OPS_RELEASE_INTERNAL_H

#include <jansson.h>
#include <limits.h>
#include <stdio.h>

#include "core/hfile.h"
#include "io/csvsplit.h"
#include "io/input.h"
#include "ops/release.h"

/* The files of a release but its manifest (release_files). */
enum { CS_RELEASE_NFILES = 11 };

/*
 * A repair of a record granted by cs-repair (its latest application of
 * the record, as of the release's cut).
 */
struct rep {
	char id[65];
	long app;			/* application_id */
	int from;			/* the first day it is repaired */
	int resumed;			/* the day it was revoked, or -1 */
};

/* A release being built. */
struct build {
	const struct cs_release_in *in;
	const char *dir;
	struct cs_writer *wd, *en;	/* withdrawn.csv, ended.csv */
	FILE *wdf, *enf;
	FILE *ids[2];			/* ids published, withdrawn: for */
					/* the events, each NUL-ended */
	json_t *counts;
	FILE *deltaf;			/* delta.ndjson, written in file order */
	struct cs_buf *delta;		/* lines of one small file, sorted */
	size_t ndelta, capdelta;
	int stream;			/* delta lines go straight to deltaf */
	struct cs_buf line;		/* such a line */
	long adds, mods, dels;
	struct cs_fields f, g;		/* a row; a row gone (gone()) */
	struct rep *rep;		/* granted repairs of records, by id */
	size_t nrep;
	struct {
		const char *name;
		long rows;
	} known[2];			/* rows of the files written here */
	struct {
		struct cs_hfile h;	/* hashed as written */
		int done;		/* written, synced and closed */
	} files[CS_RELEASE_NFILES];	/* by release_files (release_dir.c) */
	char path[PATH_MAX];
};

/*
 * The previous release's rows of a file, read in step with the new ones:
 * both are sorted by key, so the delta is one merge and nothing of the
 * previous release is held in memory.
 */
struct oldrows {
	struct cs_input *r;		/* NULL: no previous file */
	struct cs_buf rec;		/* read by the fast splitter: the */
	struct cs_csv_fields f;		/* files are cs's own CSV */
	const char **v;			/* the fields of a plain record */
	size_t *len, cap;
	const char *path;
	int more;			/* a row is in key and h */
	struct cs_buf key, last, all;
	unsigned char h[32];
};

/* release_delta.c */

/* A published (or withdrawn) id, for the release's events. */
void cs_release_id_add(struct build *b, int withdrawn, const char *id);
/*
 * The granted repairs of records into b->rep, by id (read once, at the
 * cut).  0, or -1 with err.
 */
int cs_release_load_repairs(struct build *b, struct cs_error *err);
/* Tell the publicity of record id (in pr) its repair: the repair, or NULL. */
const struct rep *cs_release_with_repair(const struct build *b,
    const char *id, struct cs_pubrec *pr);
/*
 * The key (the first keycols values, '/' between them) and the SHA-256
 * of a row of n values: what the delta compares.
 */
void cs_release_row_digest(char *const *val, const size_t *len, size_t n,
    int keycols, struct cs_buf *key, struct cs_buf *all, unsigned char h[32]);
/*
 * The previous release's rows of file name, for a merge with the new
 * ones (none when there is no previous release or it lacks the file):
 * 0, or -1 with err.  cs_release_old_close releases o in either case.
 */
int cs_release_old_open(struct build *b, const char *name, struct oldrows *o,
    struct cs_error *err);
void cs_release_old_close(struct oldrows *o);
/* The rows of the previous release before key (all: NULL) are gone. */
int cs_release_old_until(struct build *b, struct oldrows *o, const char *file,
    const char *key, struct cs_error *err);
/* The new row key of hash h against the previous release's. */
int cs_release_old_match(struct build *b, struct oldrows *o, const char *file,
    const char *key, const unsigned char h[32], struct cs_error *err);
/*
 * The delta of a small file of the release, written, against the
 * previous release: its lines to delta.ndjson, sorted.  0, or -1 with
 * err.
 */
int cs_release_small_delta(struct build *b, const char *name, int keycols,
    struct cs_error *err);

/* release_dir.c */

/*
 * Create the file name of the release (a file of release_files is
 * hashed as it is written, for the manifest), or NULL with err.
 */
FILE *cs_release_create(struct build *b, const char *name,
    struct cs_error *err);
/*
 * Close w, the writer of the file name of the release: 0, or -1 with
 * err naming the file when first (else err keeps an earlier error).
 */
int cs_release_writer_close(struct build *b, struct cs_writer *w,
    const char *name, int first, struct cs_error *err);
/* Flush, sync and close fp, the file name of the release: 0, or -1. */
int cs_release_finish(struct build *b, FILE *fp, const char *name,
    struct cs_error *err);
/* The rows of the release file under key in the counts of the manifest. */
void cs_release_count(struct build *b, const char *key, const char *file);
/*
 * The checkpoint at the cut (its facts into ledger), and the proof that
 * the previous one is its start.  0, or -1 with err.
 */
int cs_release_write_checkpoint(struct build *b, json_t *ledger,
    struct cs_error *err);
/*
 * SHA256SUMS and the manifest (last); out->rows and
 * out->manifest_sha256.  0, or -1 with err.
 */
int cs_release_write_manifest(struct build *b, json_t *ledger,
    struct cs_release_out *out, struct cs_error *err);

#endif
