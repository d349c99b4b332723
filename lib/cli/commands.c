/*
 * What argp cannot say of a command line: that an option of the tool does
 * not apply to the command given, and which option or command an unknown
 * one may be ("did you mean ...?").  The long and short options of argv
 * are looked at before argp parses them, from the parser of the root
 * argp at ARGP_KEY_INIT, so that the messages go out as argp's do.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli/messages.h"
#include "cli/options.h"

/* An option argp knows: its long name (or NULL), its key, its value. */
struct known {
	const char *name;
	int key;
	int arg;			/* takes a value (not an optional one) */
};

struct knowns {
	struct known *k;
	size_t n;
	size_t cap;
};

static void
add_known(struct knowns *ks, const char *name, int key, int arg)
{
	if (ks->n == ks->cap) {
		ks->cap = ks->cap ? ks->cap * 2 : 64;
		ks->k = cs_xreallocarray(ks->k, ks->cap, sizeof(*ks->k));
	}
	ks->k[ks->n].name = name;
	ks->k[ks->n].key = key;
	ks->k[ks->n].arg = arg;
	ks->n++;
}

/* The options of a and of its children, argp's own ones too. */
static void
collect(const struct argp *a, struct knowns *ks)
{
	const struct argp_option *o;
	const struct argp_child *c;
	int arg = 0;

	for (o = a->options; o != NULL && (o->name != NULL || o->key != 0 ||
	    o->doc != NULL); o++) {
		if (o->flags & OPTION_DOC)
			continue;
		if (!(o->flags & OPTION_ALIAS))
			arg = o->arg != NULL && !(o->flags & OPTION_ARG_OPTIONAL);
		if (o->name != NULL || isprint(o->key))
			add_known(ks, o->name, o->key, arg);
	}
	for (c = a->children; c != NULL && c->argp != NULL; c++)
		collect(c->argp, ks);
}

static void
knowns_of(const struct argp *a, struct knowns *ks)
{
	memset(ks, 0, sizeof(*ks));
	if (a != NULL)
		collect(a, ks);
	add_known(ks, "help", '?', 0);
	add_known(ks, "usage", 0, 0);
	add_known(ks, "version", 'V', 0);
}

/*
 * The option of ks named by the len bytes of s: an exact name, or the
 * one name s starts (getopt_long takes such abbreviations).  NULL when
 * none; *ambiguous when several.
 */
static const struct known *
find_long(const struct knowns *ks, const char *s, size_t len,
    int *ambiguous)
{
	const struct known *hit = NULL;
	size_t i, hits = 0;

	*ambiguous = 0;
	for (i = 0; i < ks->n; i++) {
		if (ks->k[i].name == NULL || strncmp(ks->k[i].name, s, len) != 0)
			continue;
		if (ks->k[i].name[len] == '\0')
			return &ks->k[i];
		if (hit == NULL || strcmp(hit->name, ks->k[i].name) != 0)
			hits++;
		hit = &ks->k[i];
	}
	*ambiguous = hits > 1;
	return hits == 1 ? hit : NULL;
}

static const struct known *
find_short(const struct knowns *ks, int key)
{
	size_t i;

	for (i = 0; i < ks->n; i++)
		if (ks->k[i].key == key)
			return &ks->k[i];
	return NULL;
}

const char *
cs_nearest(const char *const *names, size_t n, const char *given)
{
	const char *best = NULL;
	int r, rbest = 1000;
	size_t i;

	for (i = 0; i < n; i++) {
		if (names[i] == NULL)
			continue;
		r = cs_nearness(names[i], given);
		if (r >= 0 && r < rbest) {
			rbest = r;
			best = names[i];
		}
	}
	return best;
}

/* The long option of ks nearest to the len bytes of s, or NULL. */
static const char *
nearest_long(const struct knowns *ks, const char *s, size_t len)
{
	const char **names = cs_xcalloc(ks->n + 1, sizeof(char *));
	const char *best;
	char given[64];
	size_t i;

	cs_fmt(given, sizeof(given), "%.*s", (int)len, s);
	for (i = 0; i < ks->n; i++)
		if (ks->k[i].name != NULL && strcmp(ks->k[i].name, "usage") != 0)
			names[i] = ks->k[i].name;
	best = cs_nearest(names, ks->n, given);
	free(names);
	return best;
}

static argp_parser_t wrapped;		/* the parser cs_argp_check took */
static const struct argp *check_tool;	/* the whole tool's options */
static const char *check_which;		/* the command, for messages */

/* Look at argv[1..] up to "--" before argp parses it. */
static void
prescan(struct argp_state *state)
{
	struct knowns mine, tool;
	const struct known *k;
	const char *a, *near, *p;
	size_t len;
	int i, amb, stop = 0;

	/* argp names the program only after the first call of its parsers. */
	if (state->name == NULL && state->argc > 0) {
		p = strrchr(state->argv[0], '/');
		state->name = p != NULL ? (char *)p + 1 : state->argv[0];
	}
	knowns_of(state->root_argp, &mine);
	knowns_of(check_tool, &tool);
	for (i = 1; i < state->argc && !stop; i++) {
		a = state->argv[i];
		if (strcmp(a, "--") == 0)
			break;
		if (a[0] != '-' || a[1] == '\0')
			continue;
		if (a[1] != '-') {
			/* A cluster of short options, maybe with a value. */
			for (p = a + 1; *p != '\0'; p++) {
				k = find_short(&mine, (unsigned char)*p);
				if (k == NULL && check_tool != NULL &&
				    check_which != NULL &&
				    find_short(&tool, (unsigned char)*p) != NULL)
					cs_argp_error(state, "option '-%c' does not "
					    "apply to %s", *p, check_which);
				if (k == NULL && ((unsigned char)*p < 0x20 ||
				    (unsigned char)*p >= 0x7f))
					cs_argp_error(state, "invalid option "
					    "-- '%c'", *p);
				if (k == NULL)
					break;		/* argp says it */
				if (k->arg) {
					i += p[1] == '\0';
					break;
				}
			}
			continue;
		}
		len = strcspn(a + 2, "=");
		k = find_long(&mine, a + 2, len, &amb);
		if (k != NULL) {
			i += k->arg && a[2 + len] == '\0';
			continue;
		}
		if (amb)
			continue;		/* argp says it is ambiguous */
		if (check_tool != NULL && check_which != NULL &&
		    (k = find_long(&tool, a + 2, len, &amb)) != NULL)
			cs_argp_error(state, "option '--%s' does not apply to %s",
			    k->name, check_which);
		near = nearest_long(&mine, a + 2, len);
		if (near != NULL)
			cs_argp_error(state, "unrecognized option '%s'; did you mean "
			    "'--%s'?", a, near);
		/* argp would print it raw: say it escaped. */
		if (cs_has_control(a))
			cs_argp_error(state, "unrecognized option '%s'", a);
		stop = 1;			/* argp says the rest */
	}
	free(mine.k);
	free(tool.k);
}

static error_t
checking_parser(int key, char *arg, struct argp_state *state)
{
	if (key == ARGP_KEY_INIT)
		prescan(state);
	return wrapped != NULL ? wrapped(key, arg, state) : ARGP_ERR_UNKNOWN;
}

void
cs_argp_check(struct argp *argp, const struct argp *tool, const char *which)
{
	wrapped = argp->parser;
	argp->parser = checking_parser;
	check_tool = tool;
	check_which = which;
}
