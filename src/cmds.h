/* The tbx verbs. Each takes the arguments after its name and returns the
 * process exit status, having printed any error itself. */
#ifndef TBX_CMDS_H
#define TBX_CMDS_H

#include "base/err.h"

int cmd_install(int argc, char **argv);
int cmd_uninstall(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_ls(int argc, char **argv);
int cmd_versions(int argc, char **argv);
int cmd_catalog(int argc, char **argv);
int cmd_lock(int argc, char **argv);
int cmd_outdated(int argc, char **argv);
int cmd_pull(int argc, char **argv);
int cmd_which(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_add(int argc, char **argv);
int cmd_remove(int argc, char **argv);
int cmd_use(int argc, char **argv);

/* tbx install: the images of tool@version pulled only when pull; pinned
 * says the versions are pins. */
int install_named(int argc, char **argv, int pull, int pinned);

/* Pin each "tool[@version]" of argv in file (the user's global file when
 * global), made with its directory when missing, or in the nearest
 * .toolbox when file is NULL, as 'tbx add' does; errors say verb. Returns
 * an exit status. */
int project_pin(const char *verb, int argc, char **argv, const char *file,
		int global);
int cmd_completion(int argc, char **argv);
int cmd_doctor(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_help(int argc, char **argv);

int cmd_export(int argc, char **argv);
int cmd_gc(int argc, char **argv);
int cmd_prune(int argc, char **argv);
int cmd_ps(int argc, char **argv);
int cmd_stop(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_trust(int argc, char **argv);

struct tool;
struct shim_set;
/* Before writing shims into dir: each command must be free or already a
 * shim of the same tool, and no two of the tools may share a command. */
int install_check_conflicts(const char *dir, struct tool **tools, int n,
			    const struct shim_set *set, struct tbx_err *e);

/* Pull ref (tool's image) through the engine a shim would use, its
 * progress on the terminal; when missing, only if the engine has it not.
 * Returns 0 or -1 with e. */
int engine_pull(const char *tool, const char *ref, int missing,
		struct tbx_err *e);

/* Print "tbx: <context>: <msg>" and return e's status. */
int cmd_fail(const char *context, const struct tbx_err *e);

/* Usage error for a verb, from its line in the verbs table: one line,
 * exit 2. */
int cmd_usage(const char *verb);

#endif
