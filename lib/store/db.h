/*
 * The store file: creating and migrating it, opening and closing it,
 * transactions and bulk loads.  Every change is a ledger event
 * (store/ledger.h) whose derived rows are written in the same
 * transaction.
 */
#ifndef CS_STORE_DB_H
#define CS_STORE_DB_H

#include "core/util.h"

/* The schema version this binary reads and writes (PRAGMA user_version). */
enum { CS_STORE_SCHEMA = 7 };

struct cs_store;

/*
 * Create the store at path (mode 0600) or migrate it to CS_STORE_SCHEMA.
 * *from gets the version found (0: created now).  Idempotent.  Returns 0,
 * or -1 with err (69: not a store, newer than this binary, damaged; 73:
 * cannot be created or written; 74: I/O error; 75: busy).
 */
int cs_store_init(const char *path, const char *operator, const char *tool,
    int *from, struct cs_error *err);

/*
 * Open an existing store of this schema version, read-only when its file
 * or directory cannot be written.  Returns 0 with *sp new
 * (cs_store_close), or -1 with err: 69 when it does not exist, cannot be
 * read, is not a store, is damaged or has another version (the message
 * says what to run); 74 on an I/O error.
 */
int cs_store_open(struct cs_store **sp, const char *path,
    struct cs_error *err);
/*
 * How long a writer waits for a store another process writes to, in
 * milliseconds, before it gives up with 75 (default 60000).  For every
 * store opened after the call.
 */
void cs_store_set_wait(long ms);
/*
 * The page cache of every store opened after this call, in MiB (default
 * CS_STORE_CACHE_MIB): what a writer may keep of the B-trees it writes
 * into between batches.  Peak memory is about 64 MiB plus it.  A reader
 * keeps 24 MiB unless chosen is 1 (the user asked for mib).
 */
enum { CS_STORE_CACHE_MIB = 64 };
void cs_store_set_cache_mib(int mib, int chosen);
/* 1 when st was opened read-only: its file or directory is read-only. */
int cs_store_readonly(const struct cs_store *st);
/* 0 when st can be written, else -1 with err (73, saying why). */
int cs_store_writable(struct cs_store *st, struct cs_error *err);
/*
 * A copy of st as it was at ledger seq upto: a new store file at path
 * (which must not exist) with the events 1..upto of st, the same bytes,
 * and the derived tables replayed from them.  For recomputing what was
 * cut from the store then (cs-publish verify --store).  0 with *out
 * (cs_store_close; remove path after), or -1 with err.
 */
int cs_store_rewind(struct cs_store *st, long upto, const char *path,
    struct cs_store **out, struct cs_error *err);
/* Roll back an open transaction and free st; NULL is fine. */
void cs_store_close(struct cs_store *st);
/* Who writes the events that follow (borrowed; must outlive st). */
void cs_store_set_actor(struct cs_store *st, const char *operator,
    const char *tool);

/*
 * Cap the page cache (and so the memory of a sort) at kib KiB; the
 * default is cs_store_set_cache_mib's.  Returns 0, or -1 with err.
 */
int cs_store_set_cache(struct cs_store *st, int kib, struct cs_error *err);
/*
 * Before a pass that reads the whole store once (classify's facts, a
 * release, eligible --all): each page is read once, so a small page
 * cache (CS_STORE_SCAN_KIB) keeps the memory flat in the store's size,
 * unless the user chose a cache.  Returns 0, or -1 with err.
 */
enum { CS_STORE_SCAN_KIB = 4096 };
int cs_store_scan(struct cs_store *st, struct cs_error *err);

/*
 * BEGIN IMMEDIATE / COMMIT / ROLLBACK.  Busy past the timeout: 75.  The
 * commit first adds to the cache of the ledger's tree the subtrees the
 * transaction's events complete (store_merkle.c).
 */
int cs_store_begin(struct cs_store *st, struct cs_error *err);
int cs_store_commit(struct cs_store *st, struct cs_error *err);
void cs_store_rollback(struct cs_store *st);

/*
 * Bulk loading: when the records table is empty, its secondary index is
 * dropped at bulk_begin and built once at bulk_end (faster than keeping
 * it up to date row by row).  Both run inside their own transactions.
 */
int cs_store_bulk_begin(struct cs_store *st, struct cs_error *err);
int cs_store_bulk_end(struct cs_store *st, struct cs_error *err);

/*
 * An open query: cs_store_iter_<what> opens one, cs_store_next_<what>
 * gives its rows (1 with a row, 0 at the end, -1 with err), strings
 * borrowed until the next call unless said otherwise.
 */
struct cs_store_iter;

/* Free an iterator; NULL is fine. */
void cs_store_iter_free(struct cs_store_iter *it);

#endif
