/*
 * Options that several commands share beyond the common ones, each an
 * argp child defined once with its help text and its messages: --set and
 * --batch of the commands that store rows, --unmasked of the lists, and
 * the plan, seed and inspector options of cs-sample, the pilot USCCs of
 * cs-record.
 */
#ifndef CS_CLI_SHARED_H
#define CS_CLI_SHARED_H

#include <argp.h>
#include <stddef.h>

/* The values the children below parse; read by cmd/ only. */
struct cs_shared_opts {
	const char **sets;		/* --set COLUMN=VALUE: a new array */
	size_t nsets;			/* of strings borrowed from argv */
	long batch;			/* --batch; 0 when not given */
	int unmasked;			/* --unmasked */
	const char *plan;		/* --plan */
	const char *seed;		/* --seed, borrowed from argv */
	size_t seedlen;
	const char *seed_file;		/* --seed-file */
	const char *inspectors;		/* --inspectors */
	const char *conflicts;		/* --conflicts */
	int allow_pilot;		/* --allow-pilot-codes */
	const char *pilot_list;		/* --pilot-list */
};

extern struct cs_shared_opts cs_shared;

/*
 * The children, for struct cs_command's children or an argp's.  --set
 * has two wordings: cs-record fills a COLUMN where the input has no
 * value (fill), the list commands use a VALUE where the input has no
 * COLUMN (use).  --inspectors and --conflicts are worded for draw
 * (inputs of a new draw) and for verify (the files a draw used).
 */
extern const struct argp cs_set_fill_argp;	/* --set */
extern const struct argp cs_set_use_argp;	/* --set */
extern const struct argp cs_batch_argp;		/* --batch N */
extern const struct argp cs_unmasked_argp;	/* --unmasked */
extern const struct argp cs_plan_argp;		/* --plan */
extern const struct argp cs_seed_argp;		/* --seed, --seed-file */
extern const struct argp cs_panel_draw_argp;	/* --inspectors, --conflicts */
extern const struct argp cs_panel_verify_argp;	/* the same, for verify */
extern const struct argp cs_pilot_argp;	/* --allow-pilot-codes, --pilot-list */

/* Free what the children allocated (the --set array). */
void cs_shared_release(void);

#endif
