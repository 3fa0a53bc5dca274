/* What a plan gives the container beside the project and HOME: catalog and
 * trusted mounts, agent sockets, passwd files, variables. */
#ifndef TBX_MOUNTS_H
#define TBX_MOUNTS_H

#include "plan.h"

/* Fill p's variables, mounts, sockets, passwd files and stamps, once the
 * tool's directory and the trusted .toolbox are known. Returns 0 or -1
 * with e. */
int mounts_plan(struct plan *p, struct tbx_err *e);

/* Check a trusted .toolbox's mounts and add them to p's spec: they are
 * checked where catalog mounts are not, as the file may come from anyone.
 */
int mounts_trusted(struct plan *p, struct tbx_err *e);

#endif
