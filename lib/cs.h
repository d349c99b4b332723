/*
 * libcs: everything two commands share.  cmd/ files include only this.
 */
#ifndef CS_H
#define CS_H

#include "calendar.h"
#include "cli.h"
#include "draw.h"
#include "hash.h"
#include "model.h"
#include "ingest.h"
#include "pipe.h"
#include "plan.h"
#include "record.h"
#include "records.h"
#include "report.h"
#include "row.h"
#include "rules.h"
#include "sample.h"
#include "run.h"
#include "score.h"
#include "store.h"
#include "stream.h"
#include "uscc.h"
#include "util.h"

#endif
