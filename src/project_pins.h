/* A project's .toolbox with its catalog entries and its lock, loaded
 * together for the verbs that use pins. */
#ifndef TBX_PROJECT_PINS_H
#define TBX_PROJECT_PINS_H

#include "catalog.h"
#include "pins.h"
#include "base/project.h"

struct project_pins {
	struct project project;
	char lock_path[PATH_MAX + 8];
	struct pins pins;
	struct lockset lock;
	struct tool **tools; /* one per pin */
};

/* The nearest .toolbox, its pins, their catalog entries, and the lock. A
 * lock that cannot be read is an error, unless repairable: then it is
 * reported and taken as empty, as 'tbx lock' rewrites it whole. *context
 * names a tool whose catalog entry failed. Free with pp_free, also after a
 * failure. */
int pp_load(struct project_pins *pp, int repairable, const char **context,
	    struct tbx_err *e);

/* Why the lock does not serve pin i, or NULL when it does. */
const char *pp_mismatch(const struct project_pins *pp, size_t i);

void pp_free(struct project_pins *pp);

#endif
