/* Where tbx keeps what it learns about the user: the trust store and the
 * places tools were used from. */
#ifndef TBX_STATE_H
#define TBX_STATE_H

#include "err.h"

/* ${XDG_STATE_HOME:-$HOME/.local/state}/tbx/<name> into out (PATH_MAX
 * bytes). Returns 0, or -1 with e when neither is an absolute path. */
int state_path(const char *name, char *out, struct tbx_err *e);

/* The most of the projects file a shim searches, a few thousand
 * directories: past it, a line may be added twice, which 'tbx prune'
 * mends. */
#define PROJECTS_MAX (256 * 1024)

/* Add dir, an absolute path, to the state file "projects", one line a
 * directory, unless it is there: 'tbx prune' keeps the images that tools
 * run from there use. Returns 0 or -1 with e. */
int state_note_project(const char *dir, struct tbx_err *e);

#endif
