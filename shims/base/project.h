/* Finding the project around the working directory: the directory mounted
 * into the container, and the .toolbox file that pins versions. */
#ifndef TBX_PROJECT_H
#define TBX_PROJECT_H

#include <limits.h>

#include "err.h"

struct project {
	char cwd[PATH_MAX];	/* physical working directory */
	char root[PATH_MAX];	/* mounted read-write at the same path */
	char toolbox[PATH_MAX]; /* nearest .toolbox, "" when none */
};

/* Root = nearest ancestor of the cwd holding .toolbox, else the nearest
 * holding .git, else the cwd; an ancestor that is "/" or $HOME (home may be
 * NULL) is never chosen, nor a marker owned by another user. The cwd "/" is
 * refused; the cwd $HOME itself is mounted as it is. Returns 0 or -1. */
int project_find(const char *home, struct project *p, struct tbx_err *e);

/* The same; any_owner takes markers whoever owns them: in a CI container,
 * whose workspace the host's runner user owns while the job runs as root. */
int project_find_in(const char *home, int any_owner, struct project *p,
		    struct tbx_err *e);

#endif
