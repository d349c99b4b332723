/*
 * The SQLite store, all of it: the file and its transactions (db.h), the
 * hash-chained ledger (ledger.h), and the derived tables that every event
 * updates in the same transaction, through the one apply path that
 * verify replays (verify.h), read by concern: records and entities,
 * objections, classes, draws, list entries; and the ledger's Merkle tree
 * (merkle.h).  Only the .c files of lib/store include sqlite3.h.
 */
#ifndef CS_STORE_STORE_H
#define CS_STORE_STORE_H

#include "store/body.h"
#include "store/classes.h"
#include "store/db.h"
#include "store/draws.h"
#include "store/ledger.h"
#include "store/lists.h"
#include "store/merkle.h"
#include "store/objections.h"
#include "store/records.h"
#include "store/releases.h"
#include "store/repairs.h"
#include "store/summary.h"
#include "store/verify.h"

#endif
