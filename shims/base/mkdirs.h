/* Creating a directory and its missing parents. */
#ifndef TBX_MKDIRS_H
#define TBX_MKDIRS_H

#include <sys/types.h>

#include "err.h"

/* mkdir -p path; directories it creates get mode. Returns 0 or -1 with e. */
int mkdirs(const char *path, mode_t mode, struct tbx_err *e);

/* mkdirs(path, 0700), then check that top and each directory below it on
 * the way to path (top is path or one of its parents) is a directory, not
 * a link, of the caller's, that no one else may write to: tbx keeps a
 * tool's HOME and warm mode's sockets there, where another user's files
 * would reach the caller's tools. What lies above top is the caller's to
 * check, once, with private_ancestors. Returns 0 or -1 with e. */
int mkdirs_private(const char *path, const char *top, struct tbx_err *e);

/* That path is a directory (dir) or a regular file, not a link, of the
 * caller's, and no one else may write to it. Returns 0 or -1 with e. */
int private_check(const char *path, int dir, struct tbx_err *e);

/* That no one but the caller and root can replace path through the
 * directories and links on its way, as named and as resolved: each is
 * theirs, and others may write to it only when it is sticky (as /tmp).
 * Returns 0 or -1 with e. */
int private_ancestors(const char *path, struct tbx_err *e);

/* Make top/rel, a directory (dir) or an empty file, and the directories
 * on its way, as the caller, never through a link: where the engine
 * mounts something inside a directory of the caller's. Returns 0 or -1
 * with e. */
int mkpoint(const char *top, const char *rel, int dir, struct tbx_err *e);

#endif
