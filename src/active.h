/* A tool as its shim would run it from the cwd. */
#ifndef TBX_ACTIVE_H
#define TBX_ACTIVE_H

#include "catalog.h"
#include "plan.h"
#include "shimdir.h"

struct active {
	struct plan plan;
	/* what the plan borrows from */
	struct tool *tool; /* the catalog's entry, NULL when a shim's spec */
	struct spec spec;
	struct plan_request req;
};

/* The plan for tool: from the spec its installed shim carries (set, read
 * from the shims directory dir), else from the catalog's entry. Returns
 * it, or NULL with e. Free with active_free. */
struct active *active_plan(const char *tool, const struct shim_set *set,
			   const char *dir, struct tbx_err *e);

void active_free(struct active *a);

#endif
