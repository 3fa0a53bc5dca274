/* The user's files a tool replaces by renaming a new one over them, as
 * `git config --global` does ~/.gitconfig: a mount of the one file cannot
 * take that, and its directory is $HOME. Each is shown through a
 * directory of the tool's own holding a hard link to it, with a link at
 * its own path in the tool's HOME; what the tool wrote there is moved into
 * place when the call ends. */
#ifndef TBX_WRITES_H
#define TBX_WRITES_H

#include "plan.h"

/* Where the directories are in the container: WRITES_DIR/<n>. */
#define WRITES_DIR "/run/tbx/writes"

/* Add the spec's writes that can be made so: the caller's own regular
 * files (or none yet) on the file system of the tool's directory, whose
 * hard links can be moved. The others stay read-only settings. Returns 0
 * or -1 with e. */
int writes_plan(struct plan *p, struct tbx_err *e);

/* Whether p shows the user's file at host through a write. */
int writes_has(const struct plan *p, const char *host);

/* Before the call: each directory holds a fresh link to the user's file,
 * and the tool's HOME its link there. Returns 0 or -1 with e. */
int writes_before(struct plan *p, struct tbx_err *e);

/* After the call: a file the tool replaced takes the user's file's place,
 * unless the user's changed meanwhile (then a line says where the tool's
 * is). */
void writes_after(const struct plan *p);

#endif
