/* One call in a kept container, from the host, through the agent's socket:
 * with the caller's own stdin, stdout and stderr, and a pseudo-terminal of
 * the call's own when the caller has a terminal (term.h). */
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

/* Run p's call in the container c names: its status, or -1 with e. */
int warm_call(struct plan *p, const struct warm_call *c, struct tbx_err *e);

#endif
