/*
 * The commands of cs-record that pin the ledger from outside: keygen,
 * checkpoint, prove and verify (with --checkpoint, --pubkey, --proof).
 * Their options are argp children that write to cs_ledger; their help
 * texts and handlers are here so that cmd/cs-record.c lists them in its
 * table of commands.
 */
#ifndef CS_CLI_LEDGER_CMD_H
#define CS_CLI_LEDGER_CMD_H

#include <argp.h>
#include <stddef.h>

/* The values of the options below; read by the handlers. */
struct cs_ledger_opts {
	const char *key;		/* --key */
	const char *pubkey;		/* --pubkey */
	const char *output;		/* -o */
	const char **checkpoints;	/* --checkpoint: a new array */
	size_t ncheckpoints;
	const char **proofs;		/* --proof: a new array */
	size_t nproofs;
	long seq;			/* prove SEQ, set by cmd/; 0: none */
};

extern struct cs_ledger_opts cs_ledger;

/* The options of each command, as children of its argp. */
extern const struct argp_child cs_keygen_children[];
extern const struct argp_child cs_checkpoint_children[];
extern const struct argp_child cs_prove_children[];
extern const struct argp_child cs_verify_children[];

/* The help of each command: summary, \v, examples and more. */
extern const char cs_keygen_doc[];
extern const char cs_checkpoint_doc[];
extern const char cs_prove_doc[];
extern const char cs_verify_doc[];
extern const char cs_events_doc[];

/*
 * The handlers (struct cs_command's run): each reports on stderr and
 * returns the exit status, or exits on a fatal error.
 */
int cs_ledger_keygen(void);
int cs_ledger_checkpoint(void);
int cs_ledger_prove(void);
int cs_ledger_verify(void);
int cs_ledger_events(void);

/* Free what the option parser allocated. */
void cs_ledger_release(void);

#endif
