/*
 * The members of a rules file as its loader reads them: each message
 * names the file and the key, "DIR/FILE: AT.KEY: what was expected" (69),
 * as cs_rules_error words it.
 */
#ifndef CS_RULES_GETTERS_H
#define CS_RULES_GETTERS_H

#include <jansson.h>

#include "core/util.h"
#include "domain/calendar.h"
#include "domain/publicity.h"

/* The file a loader reads, and the error to fill. */
struct cs_rfile {
	const char *dir;
	const char *file;		/* below dir */
	struct cs_error *err;
};

/* Set f's error (69) to "DIR/FILE: message"; returns -1. */
int cs_rget_bad(const struct cs_rfile *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * The period s (such as "P1Y") at key `at` into p, its text into text:
 * 0, or -1 with the error.
 */
int cs_rget_period(const struct cs_rfile *f, const char *s, const char *at,
    struct cs_period *p, char text[16]);
/*
 * The date at o.key into *day (absent: left as it is); example is a date
 * for the message.  0, or -1 with the error.
 */
int cs_rget_date(const struct cs_rfile *f, const json_t *o, const char *key,
    const char *at, const char *example, int *day);
/*
 * The non-empty array of non-empty strings at o.key into l (absent:
 * empty, unless required).  0, or -1 with the error.
 */
int cs_rget_strlist(const struct cs_rfile *f, const json_t *o,
    const char *key, const char *at, int required, struct cs_strlist *l);

#endif
