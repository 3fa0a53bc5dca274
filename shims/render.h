/* Turning a plan into the engine's command lines: the cold run, the
 * options a kept container is made with, and its create line. Each fills
 * an args (borrowing the plan's strings, valid until plan_free) and
 * returns 0, or -1 with e. */
#ifndef TBX_RENDER_H
#define TBX_RENDER_H

#include "base/args.h"
#include "plan.h"

/* engine run --rm -i [-t] --init ... image command args: the whole call. */
int render_cold(struct plan *p, struct args *a, struct tbx_err *e);

/* The options of a kept container that no call changes (user, mounts,
 * variables, network), after "engine run": what its key covers. */
int render_shared(struct plan *p, struct args *a, struct tbx_err *e);

/* What a kept container is made and named with, after render_shared:
 * the key's directory dir at WARM_DIR, the shim self as its agent. */
struct render_kept {
	const char *name, *key, *dir, *self;
};
int render_create(struct plan *p, const struct render_kept *k, struct args *a,
		  struct tbx_err *e);

/* A --mount value binding src to dst; a field holding ',' or '"' is
 * quoted as CSV. NULL when out of memory or a path is too long. */
const char *render_mount(struct plan *p, const struct plan_mount *m);

#endif
