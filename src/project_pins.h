/* What a project pins, with the catalog entries and the lock, loaded
 * together for the verbs that use pins. */
#ifndef TBX_PROJECT_PINS_H
#define TBX_PROJECT_PINS_H

#include "catalog.h"
#include "pins.h"
#include "base/pinfile.h"
#include "base/project.h"

struct project_pins {
	struct project project;
	char lock_path[PATH_MAX];
	struct pins pins;     /* by tool name */
	struct pinned *where; /* one per pin: its file and line */
	struct lockset lock;
	struct tool **tools; /* one per pin */
};

/* Every catalog tool pinned from the cwd up, as a shim there finds its
 * version (pinfind.h): with global, wherever it is pinned, the user's
 * global file too; else only in the project's own files (within its
 * root), which its lock is for. The catalog entry of each. A .toolbox
 * that pins a tool the catalog has not is an error. Returns the number of
 * pins, or -1 with e, and with *context set to the tool when one failed. */
int pp_collect(struct project_pins *pp, int global, const char **context,
	       struct tbx_err *e);

/* The project's own pins (pp_collect), and the lock; lock_path is ""
 * where there is no project (the cwd is $HOME or /). A lock that cannot
 * be read is an error, unless repairable: then it is reported and taken
 * as empty, as 'tbx lock' rewrites it whole. Free with pp_free, also after
 * a failure. */
int pp_load(struct project_pins *pp, int repairable, const char **context,
	    struct tbx_err *e);

/* Why the lock does not serve pin i, or NULL when it does. */
const char *pp_mismatch(const struct project_pins *pp, size_t i);

/* Note the cwd for 'tbx prune', which keeps what is used from the places
 * it knows (state.h). A failure only leaves it knowing less: not said. */
void pp_note(const struct project_pins *pp);

void pp_free(struct project_pins *pp);

#endif
