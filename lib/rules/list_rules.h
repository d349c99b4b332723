/*
 * The lists of seriously dishonest entities as data: share/cs/lists.json
 * (list types, criteria, terms, rights) and measures.json (joint
 * measures) loaded into the types of domain/lists.h.
 */
#ifndef CS_RULES_LIST_RULES_H
#define CS_RULES_LIST_RULES_H

#include "core/util.h"
#include "domain/lists.h"
#include "rules/rules.h"

/*
 * Load lists.json and measures.json of the rules directory of ru, whose
 * masking pattern the lists borrow (ru outlives them).  Returns 0 with
 * *lp new (cs_lists_free), or -1 with err (69) naming the file and the
 * key.
 */
int cs_lists_load(struct cs_lists **lp, const struct cs_rules *ru,
    struct cs_error *err);

#endif
