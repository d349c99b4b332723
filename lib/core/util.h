/*
 * Base of libcs: exit codes, the error record lib functions fill in, a
 * growable byte buffer, a string map and UTF-8 checks.  Every other module
 * includes this (and, through it, the allocators of xalloc.h).
 */
#ifndef CS_CORE_UTIL_H
#define CS_CORE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "core/xalloc.h"

/* Exit status of every binary; the table is written out in cs(7). */
enum cs_exit {
	CS_EX_OK = 0,
	CS_EX_FOUND = 1,		/* rows rejected, or a check found something */
	CS_EX_USAGE = 64,
	CS_EX_DATAERR = 65,		/* bad data that stops the run */
	CS_EX_NOINPUT = 66,		/* an input cannot be opened */
	CS_EX_UNAVAILABLE = 69,		/* store or rules unavailable or wrong version */
	CS_EX_SOFTWARE = 70,		/* internal error */
	CS_EX_CANTCREAT = 73,		/* an output file cannot be created */
	CS_EX_IOERR = 74,
	CS_EX_TEMPFAIL = 75		/* store busy: retry later */
};

/*
 * What went wrong in a lib call, like jansson's json_error_t.  file and
 * line locate bad input (file empty and line 0 when there is no position);
 * code is the exit status the caller should end with.
 */
struct cs_error {
	int code;			/* enum cs_exit */
	char file[512];			/* input name, "<stdin>", or "" */
	long line;			/* 1-based line, or 0 */
	char msg[1024];			/* lower-case, no full stop */
};

/*
 * Fill err (which may be NULL) and return -1, so that lib code can say
 * "return cs_error_set(err, CS_EX_DATAERR, file, line, "...", ...);".
 */
int cs_error_set(struct cs_error *err, int code, const char *file, long line,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int cs_error_vset(struct cs_error *err, int code, const char *file,
    long line, const char *fmt, va_list ap);

/*
 * A growable byte buffer, always NUL-terminated after cs_buf_init.  The
 * caller embeds it (cs_buf_init/cs_buf_release); s is owned by the buffer.
 */
struct cs_buf {
	char *s;
	size_t len;
	size_t cap;
};

void cs_buf_init(struct cs_buf *b);
void cs_buf_release(struct cs_buf *b);
void cs_buf_reset(struct cs_buf *b);
void cs_buf_grow(struct cs_buf *b, size_t extra);
void cs_buf_add(struct cs_buf *b, const void *p, size_t n);
void cs_buf_adds(struct cs_buf *b, const char *s);
void cs_buf_addf(struct cs_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append the byte c: inline, JSON and packed bodies are built of them. */
static inline void
cs_buf_addc(struct cs_buf *b, int c)
{
	if (b->len + 2 > b->cap)
		cs_buf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

/* Append s as a JSON string literal with the minimal escapes of RFC 8259. */
void cs_buf_add_json_str(struct cs_buf *b, const char *s, size_t n);
/*
 * Append one member "k":"v" of a JSON object (v NULL: "k":null), after a
 * ',' unless first: the bodies of ledger events are written this way.
 */
void cs_buf_add_json_kv(struct cs_buf *b, int first, const char *k,
    const char *v);
/*
 * The reverse of cs_buf_add_json_str, for the fast readers of flat JSON
 * (NDJSON lines in io/ndjson, ledger bodies in store/body): decode the
 * JSON string whose opening quote is s[*i] onto b (which stays NUL
 * terminated) and set *i past its closing quote.  s has n bytes; n may be
 * SIZE_MAX for a NUL-terminated s, whose NUL then ends it as the end of
 * s would.  Returns 0, or -1 for what such a reader leaves to jansson to
 * read or word the error of: the end of s, a control byte, a bad escape,
 * \u0000, a lone surrogate (b then holds part of the string).  The bytes
 * are not checked to be UTF-8.
 */
int cs_json_str_decode(const char *s, size_t n, size_t *i,
    struct cs_buf *b);
/* Take the string: returns new memory; b is released (init to reuse). */
char *cs_buf_detach(struct cs_buf *b);

/*
 * snprintf for messages and paths that may be cut short: truncates
 * silently and returns buf.
 */
char *cs_fmt(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* FNV-1a hash of a string, for the hash tables of the project. */
uint64_t cs_hash_str(const char *s);

/*
 * A map from strings (copied) to longs, by open addressing.  The caller
 * embeds it (cs_strmap_init/cs_strmap_release).
 */
struct cs_strmap {
	size_t cap;			/* a power of two, or 0 */
	size_t n;
	char **key;
	long *val;
};

void cs_strmap_init(struct cs_strmap *m);
void cs_strmap_release(struct cs_strmap *m);
/* Forget every key (the table keeps its size). */
void cs_strmap_clear(struct cs_strmap *m);
/* The value of key, borrowed, or NULL when key is not in m. */
long *cs_strmap_get(const struct cs_strmap *m, const char *key);
/*
 * The value of key, added with value -1 when missing (*added = 1 then;
 * added may be NULL).  The pointer is valid until the next put.
 */
long *cs_strmap_put(struct cs_strmap *m, const char *key, int *added);

/* Lower-case hex of n bytes into out (2n + 1 bytes with the NUL). */
void cs_hex(const unsigned char *p, size_t n, char *out);

/* 1 when s (length n) is valid UTF-8; else 0 and *bad = offset of the error. */
int cs_utf8_valid(const char *s, size_t n, size_t *bad);

/*
 * How near a name given (have) is to a name known (want), for "did you
 * mean" hints: -1 when they are not near, else a rank, lower is nearer.
 * Names are compared with ASCII case folded and '-' or ' ' read as '_';
 * near are names within a few edits (an adjacent swap is one edit; 1
 * edit for names up to 4 bytes, 2 up to 8, else 3), and a name that is
 * the start of the other (3 bytes at least) or its last '_' part.
 */
int cs_nearness(const char *want, const char *have);

#endif
