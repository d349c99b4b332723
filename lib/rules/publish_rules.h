/*
 * The rules of the disclosure run as data: share/cs/publish.json (the
 * working days to publish and to withdraw, by date; how far 'due' looks
 * ahead; the columns of the published files in their header styles)
 * loaded into struct cs_disclose, with messages naming file and key.
 */
#ifndef CS_RULES_PUBLISH_RULES_H
#define CS_RULES_PUBLISH_RULES_H

#include "core/util.h"
#include "domain/disclose.h"

/*
 * Load DIR/publish.json into d (cs_disclose_release).  0, or -1 with err
 * (69) naming the file and key; d is empty then.
 */
int cs_disclose_load(struct cs_disclose *d, const char *dir,
    struct cs_error *err);

#endif
