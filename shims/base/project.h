/* Finding the project around the working directory: the directory mounted
 * into the container, the repository's git directory when it lies outside
 * it, and the .toolbox file that pins versions. */
#ifndef TBX_PROJECT_H
#define TBX_PROJECT_H

#include <limits.h>

#include "err.h"

struct project {
	char cwd[PATH_MAX];	/* physical working directory */
	char root[PATH_MAX];	/* mounted read-write at the same path; ""
				   when the cwd is /, $HOME or above it */
	char gitdir[PATH_MAX];	/* a linked worktree's main git directory
				   or a submodule's, when outside root; "" */
	char toolbox[PATH_MAX]; /* nearest .toolbox, "" when none */
};

/* The rules, walking up from the cwd: inside a git repository (the nearest
 * ancestor holding .git), the repository is the root; outside one, the
 * nearest ancestor holding .toolbox, else the cwd. The nearest .toolbox
 * gives the pins wherever it is, but a .toolbox above the repository never
 * a wider mount. "/", $HOME (home may be NULL) and the directories above
 * $HOME are never the root: a call from there mounts no project. A marker
 * counts only when it and what a link makes of it belong to the caller or
 * root. Returns 0 or -1. */
int project_find(const char *home, struct project *p, struct tbx_err *e);

/* The same; any_owner takes markers whoever owns them: in a CI container,
 * whose workspace the host's runner user owns while the job runs as root. */
int project_find_in(const char *home, int any_owner, struct project *p,
		    struct tbx_err *e);

/* Whether dir/name exists (as a regular file if want_reg) and belongs,
 * as named and as a link resolves it, to the caller or root (any_owner:
 * to anyone); its path is left in path (PATH_MAX bytes). A marker that
 * another user put in a shared ancestor (/tmp/.toolbox), or a link to the
 * caller's own file that another user made there, must not make that
 * whole directory the project, nor choose its versions. */
int project_has(const char *dir, const char *name, int want_reg, int any_owner,
		char *path);

/* Make dir (absolute, no trailing '/') its parent; "/" stays "/". */
void project_parent(char *dir);

/* The project's lock file into out (PATH_MAX bytes): .toolbox.lock
 * beside the nearest .toolbox when it lies in the root, else in the root.
 * -1 when there is no root. */
int project_lock_path(const struct project *p, char *out);

/* Whether dir has what every git directory has: HEAD, objects, refs. */
int project_git_shaped(const char *dir);

#endif
