/* One call in a kept container, from the host: through the agent's socket
 * with the caller's own stdin, stdout and stderr, or with the engine's
 * exec when the call has a TTY. */
#ifndef TBX_WARM_CALL_H
#define TBX_WARM_CALL_H

#include <limits.h>

#include "plan.h"

/* Room for the entrypoint items the lease records. */
#define WARM_EP_MAX 32

/* The kept container a call goes to, as its lease tells. */
struct warm_call {
	char dir[PATH_MAX];	  /* the key's directory on the host */
	char lease[PATH_MAX + 8]; /* dir/lease */
	char buf[4096];		  /* the lease's content */
	char name[64];		  /* the container */
	char *ep[WARM_EP_MAX];	  /* the image's entrypoint, in buf */
	int nep;
};

/* Run p's call, which holds the lease open as lease_fd: its status, or -1
 * with e. A call with a TTY execs the engine and returns only on failure.
 */
int warm_call(struct plan *p, const struct warm_call *c, int lease_fd,
	      struct tbx_err *e);

#endif
