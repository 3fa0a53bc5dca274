/* Git's command line: which argument is its command, and what the user's
 * alias of that name stands for. */
#ifndef TBX_GITARGS_H
#define TBX_GITARGS_H

/* The index of git's command in args (after git's own options and their
 * values, "-C dir", "-c name=value", ...), or -1 when there is none. */
int gitargs_command(char *const *args, int nargs);

/* Whether git's command is cmd, or an alias the user's own git settings
 * give for cmd ("p = push -u", or "!git push" naming it as a word). */
int gitargs_runs(char *const *args, int nargs, const char *cmd);

#endif
