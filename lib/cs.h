/*
 * libcs: everything two commands share.  cmd/ files include only this.
 */
#ifndef CS_H
#define CS_H

#include "cli/cli.h"
#include "cli/run.h"
#include "core/hash.h"
#include "core/pipe.h"
#include "core/util.h"
#include "core/xalloc.h"
#include "domain/calendar.h"
#include "domain/catalog.h"
#include "domain/classify.h"
#include "domain/lists.h"
#include "domain/mask.h"
#include "domain/model.h"
#include "domain/record.h"
#include "domain/sample.h"
#include "domain/schema.h"
#include "domain/score.h"
#include "domain/uscc.h"
#include "io/csv.h"
#include "io/csvlines.h"
#include "io/csvsplit.h"
#include "io/ingest.h"
#include "io/input.h"
#include "io/row.h"
#include "io/stream.h"
#include "ops/draws.h"
#include "ops/facts.h"
#include "ops/frames.h"
#include "ops/lists.h"
#include "ops/records.h"
#include "ops/reports.h"
#include "ops/screening.h"
#include "rules/plans.h"
#include "rules/rules.h"
#include "store/body.h"
#include "store/store.h"

#endif
