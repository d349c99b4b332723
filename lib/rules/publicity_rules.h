/*
 * The publicity rules as data: share/cs/publicity.json (the published
 * record types, the categories of a warning-only penalty, the regimes by
 * date with their minimum and maximum per severity, longer minimums per
 * domain and the penalties never repaired) loaded into the types of
 * domain/publicity.h, with messages that name the file and the key.
 */
#ifndef CS_RULES_PUBLICITY_RULES_H
#define CS_RULES_PUBLICITY_RULES_H

#include <jansson.h>

#include "core/util.h"
#include "domain/publicity.h"

/*
 * Read j, the object of DIR/publicity.json (cs_rules_load reads the
 * file), into pb (cs_publicity_release).  Returns 0, or -1 with err (69)
 * naming the file and key; pb is empty then.
 */
int cs_publicity_parse(struct cs_publicity *pb, const json_t *j,
    const char *dir, struct cs_error *err);

#endif
