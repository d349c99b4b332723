/*
 * Temporary files that become output files by rename(2): made by
 * mkstemp(3) beside their target (never a predictable name a planted
 * link could take), and kept in a list that an exit or a signal handler
 * empties, so that no run leaves one behind but by SIGKILL.
 */
#ifndef CS_CORE_TMPFILE_H
#define CS_CORE_TMPFILE_H

#include <stddef.h>

#include "core/util.h"

/*
 * Create "DIR/.BASE.XXXXXX" for the output file path DIR/BASE, opened for
 * writing (O_CLOEXEC) with the mode of any new file, 0666 less the
 * umask, its name in tmp[n], and list it for removal.  Returns the file
 * descriptor, or -1 with err (73: path is a directory or its directory
 * cannot take the file).
 */
int cs_tmpfile_create(const char *path, char *tmp, size_t n,
    struct cs_error *err);
/* tmp was renamed into place: no longer remove it. */
void cs_tmpfile_keep(const char *tmp);
/* Remove tmp now and forget it. */
void cs_tmpfile_discard(const char *tmp);
/*
 * Remove every listed file.  Async-signal-safe: for a signal handler and
 * for atexit(3).
 */
void cs_tmpfile_cleanup(void);

#endif
