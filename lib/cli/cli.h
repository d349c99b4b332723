/*
 * The talking side of every binary in one include: messages and the
 * checked exit, the common options, the progress line.  lib/store/store.h
 * still includes it for struct cs_progress (the store's split moves that
 * need away); new code includes the part it uses.
 */
#ifndef CS_CLI_CLI_H
#define CS_CLI_CLI_H

#include "cli/messages.h"
#include "cli/options.h"
#include "cli/progress.h"

#endif
