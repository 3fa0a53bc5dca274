/* tbx run: run a command of a catalog tool without installing a shim. */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmds.h"
#include "paths.h"
#include "run.h"
#include "base/toolbox.h"
#include "plan.h"

int cmd_run(int argc, char **argv)
{
	struct tool *t = NULL;
	struct tbx_err e;
	struct spec s;
	char *dir = NULL;
	const char *cmd;
	int i = 1, status;

	char *at, var[128];

	if (argc < 1 || argv[0][0] == '-')
		return cmd_usage("run");
	/* tool@version: that version for this call, as TBX_<TOOL>_VERSION
	 * would ask */
	at = strchr(argv[0], '@');
	if (at)
		*at = '\0';
	if (catalog_find(argv[0], &t, &e) < 0)
		return cmd_fail(argv[0], &e);
	if (at) {
		plan_version_var(t->name, var, sizeof(var));
		if (version_invalid(at + 1)) {
			err_set(&e, TBX_EXIT_USAGE, "version '%s' for '%s' %s",
				at + 1, t->name, version_invalid(at + 1));
			tool_free(t);
			return cmd_fail("run", &e);
		}
		setenv(var, at + 1, 1);
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	cmd = i < argc ? argv[i++] : t->commands.v[0];
	dir = paths_shims_dir(&e);
	if (!dir || catalog_spec(t, cmd, &s, &e) < 0) {
		status = cmd_fail(t->name, &e);
		goto out;
	}
	struct plan_request req = {&s, cmd, argv + i, argc - i, dir, NULL};
	status = run_call(&req);
out:
	free(dir);
	tool_free(t);
	return status;
}
