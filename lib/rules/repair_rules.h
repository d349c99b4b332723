/*
 * The repair rules as data: share/cs/repair.json (handling deadlines by
 * filing date, the conditions per publicity regime and domain, those of
 * a list entry, the notice text) loaded into the types of
 * domain/repair.h, with messages that name the file and the key.
 */
#ifndef CS_RULES_REPAIR_RULES_H
#define CS_RULES_REPAIR_RULES_H

#include "core/util.h"
#include "domain/repair.h"
#include "rules/rules.h"

/*
 * Load repair.json of the rules directory of ru.  Returns 0 with *rp new
 * (cs_repair_rules_free), or -1 with err (69) naming the file and key.
 */
int cs_repair_rules_load(struct cs_repair_rules **rp,
    const struct cs_rules *ru, struct cs_error *err);

#endif
