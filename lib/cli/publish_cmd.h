/*
 * What several commands of cs-publish share: the run they open and the
 * check of verify --store.
 */
#ifndef CS_CLI_PUBLISH_CMD_H
#define CS_CLI_PUBLISH_CMD_H

#include "cli/run.h"
#include "rules/publish_rules.h"
#include "ops/release.h"

/* Open the run (store and rules) and load publish.json into dc; exits on
 * any error. */
void cs_publish_run(struct cs_run *c, struct cs_disclose *dc);

/*
 * verify --store: recompute the release of dir (checked as ck) from the
 * store as it was at its cut (replayed aside when the store has moved
 * on; previous, or NULL for dir/../PREVIOUS, its previous release) and
 * compare byte for byte.  Says the first difference; returns CS_EX_OK or
 * CS_EX_FOUND, exits on any other error.
 */
int cs_publish_verify_store(const char *dir, const char *previous,
    const struct cs_release_check *ck);

#endif
