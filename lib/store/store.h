/*
 * The SQLite store, all of it: the file and its transactions (db.h), the
 * hash-chained ledger (ledger.h), and the derived tables that every event
 * updates in the same transaction, through the one apply path that
 * verify replays (verify.h), read by concern: records and entities,
 * objections, classes, draws, list entries; and the ledger's Merkle tree
 * (store_merkle.h).  Only the .c files of lib/store include sqlite3.h.
 */
#ifndef CS_STORE_STORE_H
#define CS_STORE_STORE_H

#include "store/body.h"
#include "store/db.h"
#include "store/ledger.h"
#include "store/objections.h"
#include "store/releases.h"
#include "store/store_classes.h"
#include "store/store_draws.h"
#include "store/store_lists.h"
#include "store/store_merkle.h"
#include "store/store_records.h"
#include "store/store_repairs.h"
#include "store/store_summary.h"
#include "store/verify.h"

#endif
