/*
 * Verifiable sampling, pure: the tickets of Rivest's consistent sampler
 * (decimal variant, DESIGN.md section 5.5), the counts a decimal rate
 * gives, a bounded heap of the lowest tickets of a class, and the
 * ranking and assignment of inspectors.  No I/O, no SQL, no CSV.
 */
#ifndef CS_DOMAIN_SAMPLE_H
#define CS_DOMAIN_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

/*
 * A ticket u(x): the SHA-256 of x as a decimal integer, zero-padded to at
 * least 64 digits, digits reversed, read as the fraction "0.<digits>".
 * d holds the digits after "0.", padded with '0' to the full width, so
 * that two tickets compare as fractions with memcmp; n is the number of
 * digits the ticket is written with (64 to 78).
 */
enum { CS_TICKET_DIGITS = 78, CS_TICKET_STRLEN = CS_TICKET_DIGITS + 3 };

struct cs_ticket {
	uint32_t head;			/* the first 9 digits, as a number */
	char d[CS_TICKET_DIGITS];	/* fraction digits, '0'-padded, no NUL */
	unsigned char n;		/* digits written */
};

/* The ticket of a 256-bit digest (big-endian bytes). */
void cs_ticket_from_digest(const unsigned char h[32], struct cs_ticket *t);
/*
 * The first 9 digits of the ticket of a digest, as a number: cheap (the
 * digest modulo 10^9, reversed), so most candidates of a large class are
 * turned away without the full conversion (see cs_heap_wants_head).
 */
uint32_t cs_ticket_head(const unsigned char h[32]);
/* u(x) of n bytes. */
void cs_ticket_of(const char *x, size_t n, struct cs_ticket *t);
/* <0, 0, >0 as fraction a is below, equal to or above b. */
int cs_ticket_cmp(const struct cs_ticket *a, const struct cs_ticket *b);
/* "0.<digits>" and a NUL into out[CS_TICKET_STRLEN]. */
void cs_ticket_format(const struct cs_ticket *t, char *out);

/*
 * The seed side of the sampler: h(seed), the lower-case hex SHA-256 of
 * the seed's bytes, hashed once as the prefix of every ticket.
 */
struct cs_sampler;

/* Returns new memory (cs_sampler_free, which accepts NULL). */
struct cs_sampler *cs_sampler_new(const char *seed, size_t n);
void cs_sampler_free(struct cs_sampler *s);
/* h(seed) in hex; borrowed from s. */
const char *cs_sampler_seed_hash(const struct cs_sampler *s);
/* ticket(id) = u(h(seed) + id). */
void cs_sampler_ticket(struct cs_sampler *s, const char *id, size_t n,
    struct cs_ticket *t);
/* The digest behind ticket(id): SHA-256 of h(seed) + id, into h[32]. */
void cs_sampler_digest(struct cs_sampler *s, const char *id, size_t n,
    unsigned char h[32]);
/* The rank of an inspector for a target: u(h(seed) + "assign:" + uscc +
 * ":" + inspector_id). */
void cs_sampler_assign_ticket(struct cs_sampler *s, const char *uscc,
    const char *inspector_id, struct cs_ticket *t);

/* A rate as the exact fraction num/den of its decimal string. */
struct cs_rate {
	uint64_t num;
	uint64_t den;			/* a power of ten */
};

/*
 * Parse a decimal rate from 0 to 1: "0", "1", "0.015", "1.000", with at
 * most 18 decimals.  Returns 0, or -1 when s is not such a rate.
 */
int cs_rate_parse(const char *s, struct cs_rate *r);
/* ceil(n * rate) in exact integer arithmetic (n >= 0). */
long cs_rate_count(const struct cs_rate *r, long n);

/* How many a class gives: a fixed count, or a rate with a minimum. */
struct cs_quota {
	int fixed;			/* 1: count, else rate and min */
	long count;
	struct cs_rate rate;
	long min;			/* for a non-empty class */
};

/*
 * The number drawn from a class of n: ceil(n * rate), at least min when
 * n > 0, or count; never more than n.
 */
long cs_quota_count(const struct cs_quota *q, long n);

/* One candidate in a heap: its ticket, USCC and the data it carries. */
struct cs_pick {
	struct cs_ticket t;
	char uscc[19];
	char *data;			/* owned by the heap */
	size_t len;
};

/*
 * The cap lowest candidates of a class by (ticket, uscc), in memory that
 * grows with cap, not with the candidates offered.  The caller embeds it.
 */
struct cs_heap {
	size_t cap;
	size_t n;
	struct cs_pick *a;		/* a max-heap until cs_heap_sort */
};

void cs_heap_init(struct cs_heap *h, size_t cap);
/* Free the data of every pick and the array. */
void cs_heap_release(struct cs_heap *h);
/* 1 when a candidate (t, uscc) would be kept now. */
int cs_heap_wants(const struct cs_heap *h, const struct cs_ticket *t,
    const char *uscc);
/*
 * 0 when a candidate whose ticket starts with head (cs_ticket_head)
 * cannot be kept, 1 when it may be (then compute the ticket and offer).
 */
int cs_heap_wants_head(const struct cs_heap *h, uint32_t head);
/*
 * Offer a candidate; takes data (new memory, freed when the candidate is
 * not kept or later pushed out).  Returns 1 when kept, 0 when not.
 */
int cs_heap_offer(struct cs_heap *h, const struct cs_ticket *t,
    const char *uscc, char *data, size_t len);
/*
 * Sort the picks by (ticket, uscc), lowest first; no more offers after.
 * A USCC offered twice has one ticket, so both copies end up side by
 * side: returns that USCC (borrowed) when one is kept twice, else NULL.
 */
const char *cs_heap_sort(struct cs_heap *h);

/* An inspector, as the assignment sees one (strings borrowed). */
struct cs_inspector {
	const char *id;
	const char *unit;
	long capacity;			/* targets per draw; -1: no limit */
	long used;			/* targets assigned so far */
};

/*
 * Assigns inspectors to targets one after the other.  The caller fills
 * the public fields; conflicts holds cs_conflict_key(inspector, uscc) of
 * every declared conflict (values unused).
 */
struct cs_assigner {
	struct cs_sampler *s;
	struct cs_inspector *ins;
	size_t nins;
	const struct cs_strmap *conflicts;
	int k;				/* inspectors per target */
	int distinct_units;		/* each from a unit of its own */
	/* private */
	size_t *order;
	struct cs_ticket *tk;
	struct cs_buf key;
};

void cs_assigner_init(struct cs_assigner *a);
void cs_assigner_release(struct cs_assigner *a);
/* The key of a conflict in a->conflicts: inspector_id TAB uscc. */
void cs_conflict_key(struct cs_buf *b, const char *inspector_id,
    const char *uscc);
/*
 * Rank the inspectors for uscc (lowest assign ticket first) into
 * a->order[0 .. nins) and return it (borrowed until the next call).
 */
const size_t *cs_assign_rank(struct cs_assigner *a, const char *uscc);
/*
 * Choose a->k inspectors for uscc: in rank order, skipping those with a
 * conflict and those at capacity; with distinct_units each one after the
 * first is the best eligible from a unit not chosen yet, and when no
 * such one is eligible the target gets nobody.  Returns 0 with
 * chosen[0 .. k) (indexes into a->ins, whose used counts go up), or -1
 * with why ("only 1 eligible inspector (2 needed): 1 with a conflict, 2
 * at capacity", "the eligible inspectors are of only 1 unit (2 of
 * distinct units needed): 3 eligible, 0 with a conflict, 1 at capacity")
 * and nothing assigned.
 */
int cs_assign(struct cs_assigner *a, const char *uscc, size_t *chosen,
    char *why, size_t whysz);

/*
 * The state of a drawn target whose latest inspection result is result
 * (NULL: none): "open", "done" (pass, issues or fail) or "invalid" (any
 * other value, the empty one too: the target is not done).
 */
const char *cs_target_state(const char *result);

#endif
