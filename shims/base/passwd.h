/* A passwd and a group file naming the caller, for tools that look their
 * user up (ssh refuses to run for a uid without a passwd entry). */
#ifndef TBX_PASSWD_H
#define TBX_PASSWD_H

#include "err.h"

/* Make dir/passwd and dir/group describe the caller as the container sees
 * it (uid, gid, a name from $USER) with home as its home directory,
 * rewriting them only when they say anything else. Returns 0 or -1 with
 * e. */
int passwd_write(const char *dir, const char *home, unsigned uid, unsigned gid,
		 struct tbx_err *e);

#endif
