/* Removing a container that may be ending on its own. */
#ifndef TBX_CONTAINER_RM_H
#define TBX_CONTAINER_RM_H

#include "base/err.h"

/* engine rm -f id (an ID of 12 digits or more, or a name), engine the
 * client's path, each of its calls given timeout seconds. A removal the
 * engine is making already (a container of --rm that just ended) is
 * waited for, up to timeout seconds, and counts as done. Returns 0, or -1
 * with e. */
int container_rm(const char *engine, const char *id, int timeout,
		 struct tbx_err *e);

#endif
