/*
 * The disclosure run of cs-publish: a release cut from the store as a
 * directory of published files (licences, penalties, lists, repairs,
 * inspections, withdrawn, ended), its delta against the previous
 * release, a signed checkpoint of the ledger at the cut, SHA256SUMS and
 * the manifest; its verification; due, lateness and row proofs.  Nothing
 * is printed here.
 */
#ifndef CS_OPS_RELEASE_H
#define CS_OPS_RELEASE_H

#include <stdio.h>

#include "core/note.h"
#include "domain/disclose.h"
#include "io/stream.h"
#include "rules/rules.h"
#include "store/store.h"

/* What a release is cut from. */
struct cs_release_in {
	struct cs_store *st;
	const struct cs_rules *ru;
	const struct cs_disclose *dc;
	const struct cs_key *key;	/* signs the checkpoint */
	const char *origin;		/* of the checkpoint */
	int as_of;			/* days */
	int style;			/* enum cs_header_style */
	long cut;			/* ledger size to cut at */
	const struct cs_release *prev;	/* the previous release, or NULL */
	const char *prev_dir;		/* its directory, when prev */
};

/* What a release built. */
struct cs_release_out {
	char manifest_sha256[65];
	long rows;			/* published rows of all files */
	long adds, mods, dels;		/* the delta */
	FILE *ids[2];			/* ids published, withdrawn (owned) */
};

/*
 * The ids of a release in a release_ids event each: at most this many
 * (published, then withdrawn), so that no event grows with the store.
 */
enum { CS_RELEASE_PART_IDS = 10000 };

/*
 * Write the files of the release of in into the empty directory dir
 * (each fsynced; manifest.json last) and fill out (cs_release_out_free).
 * 0, or -1 with err.
 */
int cs_release_build(const struct cs_release_in *in, const char *dir,
    struct cs_release_out *out, struct cs_error *err);
void cs_release_out_free(struct cs_release_out *out);
/*
 * The release events of a release built (in, out) into the store, in its
 * transaction: the ids it published and withdrew in release_ids events
 * of CS_RELEASE_PART_IDS ids at most, then the release event with the
 * manifest's SHA-256, the number of parts and the SHA-256 of their ids
 * (see cs(7)).  0 with *seq, the release event, or -1 with err.
 */
int cs_release_record(const struct cs_release_in *in,
    struct cs_release_out *out, long *seq, struct cs_error *err);

/*
 * Publish a release under root: a temporary ".release-XXXXXX" directory
 * is made, filled by fill(ctx, dir) and synced, renamed to root/id, and
 * the link root/latest swapped to it with rename(2).  A failure removes
 * the temporary directory.  0, or -1 with err (73 when root/id exists or
 * cannot be made).
 */
int cs_release_dir_make(const char *root, char *tmp, size_t n,
    struct cs_error *err);
int cs_release_dir_commit(const char *root, const char *tmp, const char *id,
    struct cs_error *err);
/* Remove the temporary directory tmp and what it holds. */
void cs_release_dir_discard(const char *tmp);

/* What verify found: the first difference, or nothing. */
struct cs_release_check {
	char msg[1024];			/* the first difference */
	long files;
	long cut;
	char release_id[64];
	char previous[64];
	char prev_sha[65];
	char headers[16];		/* of the manifest: cn, codes, canonical */
};

/*
 * Verify the release directory dir: every file against the manifest and
 * SHA256SUMS, no file more, the checkpoint signed by the manifest's key
 * (which must be pubkey's, when given) at the manifest's ledger size;
 * with prev_dir, the manifest chain and the consistency proof of the two
 * checkpoints.  0 when it holds, 1 with the first difference in c->msg,
 * -1 with err (66: no manifest).
 */
int cs_release_verify(const char *dir, const char *prev_dir,
    const struct cs_key *pubkey, struct cs_release_check *c,
    struct cs_error *err);
/*
 * Compare every file of dir with that of dir2 byte for byte: 0 when all
 * equal, 1 with the first difference in msg.
 */
int cs_release_compare(const char *dir, const char *dir2, char *msg,
    size_t n);

/*
 * The SHA-256 (hex) and size of the file path, and its rows (-1 unless a
 * CSV or NDJSON file).  0, or -1 with err (66, 65).
 */
int cs_release_file_facts(const char *path, char hex[65], long *bytes,
    long *rows, struct cs_error *err);

/* The seq (ledger event) of the published row id in dir: 1, 0, -1. */
int cs_release_row_seq(const char *dir, const char *id, long *seq,
    char *file, size_t n, struct cs_error *err);

/* The columns of due and lateness. */
enum { CS_DUE_NCOLS = 10, CS_LATE_NCOLS = 8 };
extern const char *const cs_due_cols[CS_DUE_NCOLS];
extern const char *const cs_late_cols[CS_LATE_NCOLS];

/*
 * The disclosure compliance list on as_of to w (begun): decisions not
 * published by their deadline or due within soon days, revoked ones not
 * withdrawn, windows ending within soon days.  *overdue counts the
 * overdue ones.  0, or -1 with err.
 */
int cs_due_write(struct cs_store *st, const struct cs_rules *ru,
    const struct cs_disclose *dc, int as_of, int soon, struct cs_writer *w,
    long *overdue, struct cs_error *err);
/*
 * Per authority and month of decision (decided from .. to, days; -1:
 * open), the decisions published on time, late, or not yet by as_of, to
 * w (begun); *nocal counts the published decisions of years the calendar
 * lacks, left out.  0, or -1 with err.
 */
int cs_lateness_write(struct cs_store *st, const struct cs_rules *ru,
    const struct cs_disclose *dc, int from, int to, int as_of,
    struct cs_writer *w, long *nocal, struct cs_error *err);

/* One authority in one month of decision, as lateness counts it. */
struct cs_late {
	char *authority;
	char month[8];			/* YYYY-MM */
	long decisions, on_time, late, unpublished;
	long worst;			/* most working days late, 0: none */
};

/*
 * The figures of cs_lateness_write: *g new (cs_late_free), *n groups
 * by authority and month, those with no decision left out.  0, or -1
 * with err (and *g NULL).
 */
int cs_lateness_count(struct cs_store *st, const struct cs_rules *ru,
    const struct cs_disclose *dc, int from, int to, int as_of,
    struct cs_late **g, size_t *n, long *nocal, struct cs_error *err);
/* Free g[0..n) of cs_lateness_count; accepts NULL. */
void cs_late_free(struct cs_late *g, size_t n);

#endif
