/*
 * The option children several commands share: one parser for all of
 * them, writing to cs_shared, so that an option is validated and its
 * messages are worded in one place.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/messages.h"
#include "cli/options.h"
#include "cli/shared.h"
#include "core/xalloc.h"
#include "core/util.h"
#include "rules/plans.h"

struct cs_shared_opts cs_shared;

enum {
	OPT_SET = 0x180,
	OPT_BATCH,
	OPT_UNMASKED,
	OPT_PLAN,
	OPT_SEED,
	OPT_SEED_FILE,
	OPT_INSPECTORS,
	OPT_CONFLICTS,
	OPT_ALLOW_PILOT,
	OPT_PILOT_LIST
};

static error_t
parse_shared(int key, char *arg, struct argp_state *state)
{
	struct cs_shared_opts *o = &cs_shared;
	size_t bad;

	switch (key) {
	case OPT_SET:
		if (strchr(arg, '=') == NULL || arg[0] == '=')
			cs_argp_error(state, "invalid --set '%s': use "
			    "COLUMN=VALUE", arg);
		o->sets = cs_xreallocarray(o->sets, o->nsets + 1,
		    sizeof(char *));
		o->sets[o->nsets++] = arg;
		break;
	case OPT_BATCH:
		o->batch = cs_opt_long(state, "--batch", arg, 1, 1000000);
		break;
	case OPT_UNMASKED:
		o->unmasked = 1;
		break;
	case OPT_PLAN:
		if (!cs_plan_name_ok(arg))
			cs_argp_error(state, "invalid --plan '%s': %s", arg,
			    CS_PLAN_NAME_RULE);
		o->plan = arg;
		break;
	case OPT_SEED:
		o->seed = arg;
		o->seedlen = strlen(arg);
		if (!cs_utf8_valid(arg, o->seedlen, &bad))
			cs_argp_error(state, "invalid --seed: not UTF-8 at byte "
			    "%zu (a seed is published text)", bad + 1);
		break;
	case OPT_SEED_FILE:
		o->seed_file = arg;
		break;
	case OPT_INSPECTORS:
		o->inspectors = arg;
		break;
	case OPT_CONFLICTS:
		o->conflicts = arg;
		break;
	case OPT_ALLOW_PILOT:
		o->allow_pilot = 1;
		break;
	case OPT_PILOT_LIST:
		o->pilot_list = arg;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

void
cs_shared_release(void)
{
	free(cs_shared.sets);
	cs_shared.sets = NULL;
	cs_shared.nsets = 0;
}

static const struct argp_option set_fill[] = {
	{ "set", OPT_SET, "COLUMN=VALUE", 0,
	  "fill COLUMN where the input has no value (repeatable)", 0 },
	{ 0 }
};

static const struct argp_option set_use[] = {
	{ "set", OPT_SET, "COLUMN=VALUE", 0,
	  "use VALUE where the input has no COLUMN (repeatable)", 0 },
	{ 0 }
};

static const struct argp_option batch[] = {
	{ "batch", OPT_BATCH, "N", 0, "rows per transaction (default 100000)",
	  0 },
	{ 0 }
};

static const struct argp_option unmasked[] = {
	{ "unmasked", OPT_UNMASKED, NULL, 0,
	  "print ID numbers whole (recorded in the ledger)", 0 },
	{ 0 }
};

static const struct argp_option plan[] = {
	{ "plan", OPT_PLAN, "PLAN", 0,
	  "the sampling plan: a name in share/cs/sampling (general), or a file "
	  "given as a path with a '/' (./plan.json)", 0 },
	{ 0 }
};

static const struct argp_option seed[] = {
	{ "seed", OPT_SEED, "SEED", 0, "the published seed, byte for byte", 0 },
	{ "seed-file", OPT_SEED_FILE, "FILE", 0,
	  "read the seed from FILE (a final newline is dropped)", 0 },
	{ 0 }
};

static const struct argp_option panel_draw[] = {
	{ "inspectors", OPT_INSPECTORS, "FILE", 0,
	  "draw inspectors: inspector_id, name, unit, region, capacity", 0 },
	{ "conflicts", OPT_CONFLICTS, "FILE", 0,
	  "declared conflicts: inspector_id, uscc, reason", 0 },
	{ 0 }
};

static const struct argp_option panel_verify[] = {
	{ "inspectors", OPT_INSPECTORS, "FILE", 0,
	  "recompute the inspectors too: the file the draw used", 0 },
	{ "conflicts", OPT_CONFLICTS, "FILE", 0,
	  "the conflicts file the draw used", 0 },
	{ 0 }
};

static const struct argp_option pilot[] = {
	{ "allow-pilot-codes", OPT_ALLOW_PILOT, NULL, 0,
	  "accept early pilot USCCs that fail the check character", 0 },
	{ "pilot-list", OPT_PILOT_LIST, "FILE", 0,
	  "accept the pilot USCCs listed in FILE (one per line)", 0 },
	{ 0 }
};

#define CHILD(opts) { opts, parse_shared, NULL, NULL, NULL, NULL, NULL }
const struct argp cs_set_fill_argp = CHILD(set_fill);
const struct argp cs_set_use_argp = CHILD(set_use);
const struct argp cs_batch_argp = CHILD(batch);
const struct argp cs_unmasked_argp = CHILD(unmasked);
const struct argp cs_plan_argp = CHILD(plan);
const struct argp cs_seed_argp = CHILD(seed);
const struct argp cs_panel_draw_argp = CHILD(panel_draw);
const struct argp cs_panel_verify_argp = CHILD(panel_verify);
const struct argp cs_pilot_argp = CHILD(pilot);
