/*
 * libcs: everything two commands share.  cmd/ files include only this.
 */
#ifndef CS_H
#define CS_H

#include "calendar.h"
#include "classify.h"
#include "facts.h"
#include "frame.h"
#include "cli.h"
#include "csvio.h"
#include "csvlines.h"
#include "csvsplit.h"
#include "draw.h"
#include "hash.h"
#include "ingest.h"
#include "input.h"
#include "listops.h"
#include "lists.h"
#include "mask.h"
#include "model.h"
#include "pipe.h"
#include "plan.h"
#include "record.h"
#include "records.h"
#include "report.h"
#include "row.h"
#include "rules.h"
#include "run.h"
#include "sample.h"
#include "score.h"
#include "screen.h"
#include "store.h"
#include "stream.h"
#include "uscc.h"
#include "util.h"

#endif
