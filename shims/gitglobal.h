/* `git config --global`: the user's own global file, changed as native
 * git changes it.
 *
 * Git writes a config file by renaming a new one over it, which a mount
 * of that one file cannot take. So a call that may write it is given a
 * copy of its own, in a directory of its own on the host, mounted at
 * GITGLOBAL_DIR, with GIT_CONFIG_GLOBAL naming the copy. After the call a
 * changed copy is renamed into place through git's own lock file, if
 * nobody changed the file meanwhile; if somebody did, the copy is kept,
 * and the call fails as a git config that cannot write does. */
#ifndef TBX_GITGLOBAL_H
#define TBX_GITGLOBAL_H

#include "plan.h"

#define GITGLOBAL_DIR "/run/tbx/global"
/* git config's status when it cannot write the file */
#define GITGLOBAL_CANNOT_WRITE 4

/* Whether git's arguments are a `config` command with --global (not
 * --edit, whose editor runs on the host, on the file itself). */
int gitglobal_asked(char *const *args, int nargs);

/* In plan_make: when the spec asks and the call is one, the file git
 * would write (~/.gitconfig, else an existing ~/.config/git/config), the
 * call's directory, its mount and GIT_CONFIG_GLOBAL. Changes nothing on
 * the host. Returns 0 or -1 with e. */
int gitglobal_plan(struct plan *p, struct tbx_err *e);

/* Before the call: the copy, and what the file is now. Returns 0 or -1
 * with e. */
int gitglobal_begin(const struct plan *p, struct tbx_err *e);

/* After the call, which ended with status: the copy into place when it
 * changed. Returns status, or GITGLOBAL_CANNOT_WRITE after saying why. */
int gitglobal_end(const struct plan *p, int status);

#endif
