/* Carrying out one call of a tool: plan it, then the one place that picks
 * a dry run, a cold run or a warm one. Shared by every shim and by 'tbx
 * run'. */
#ifndef TBX_RUN_H
#define TBX_RUN_H

#include "plan.h"

/* How a planned call is carried out. */
enum run_mode {
	RUN_DRY,  /* TBX_DRY_RUN: print the cold command line */
	RUN_COLD, /* exec the engine: a container for this call */
	RUN_WARM  /* in a kept container */
};

/* Whether TBX_DRY_RUN asks to print the command line instead of running
 * it. */
int run_dry(void);

/* The mode of a planned call: dry when asked, warm when the plan is and
 * the request names the shim's executable, else cold. */
enum run_mode run_mode(const struct plan *p);

/* Plan req, then print the command line (dry) and return 0, or set up
 * the tool's HOME and run it. Returns only with the exit status, having
 * printed "tbx: <tool>: <message>" on failure; a cold run execs. */
int run_call(const struct plan_request *req);

#endif
