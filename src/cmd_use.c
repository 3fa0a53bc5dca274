/* tbx use: one step from "I want go 1.22 here" to a call that runs it:
 * the pin, the shims, the lock and the image. */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmds.h"
#include "base/pinfind.h"
#include "util.h"

int cmd_use(int argc, char **argv)
{
	char global[PATH_MAX];
	char **pins = xmalloc(((size_t)argc + 1) * sizeof(*pins));
	char **names = xmalloc(((size_t)argc + 1) * sizeof(*names));
	int n = 0, is_global = 0, status;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-g") || !strcmp(argv[i], "--global"))
			is_global = 1;
		else if (argv[i][0] == '-')
			n = -1;
		else if (n >= 0)
			pins[n++] = argv[i];
		if (n < 0)
			break;
	}
	if (n <= 0) {
		free(pins);
		free(names);
		return cmd_usage("use");
	}
	pin_global_path(global);
	if (is_global && !global[0]) {
		struct tbx_err e;

		free(pins);
		free(names);
		err_set(&e, TBX_EXIT_FAIL,
			"neither XDG_CONFIG_HOME nor HOME is an absolute path: the global file has no place");
		return cmd_fail("use", &e);
	}
	status = project_pin("use", n, pins, is_global ? global : NULL);
	/* the shims, then what the pins ask made ready: the project's
	 * locked digests; the global file's tags, which are not locked */
	for (int i = 0; i < n; i++) {
		size_t len = strcspn(pins[i], "@");
		char *name = xfmt("%.*s", (int)len, pins[i]);
		struct tool *t;
		struct tbx_err e;

		if (pins[i][len]) {
			names[i] = xstrdup(pins[i]);
			free(name);
			continue;
		}
		/* the pin made the catalog's version the tool's */
		if (!status && catalog_find_arg(name, &t, &e) < 0)
			status = cmd_fail(name, &e);
		names[i] = status ? name : xfmt("%s@%s", name, t->version);
		if (!status) {
			tool_free(t);
			free(name);
		}
	}
	if (!status)
		status = install_named(n, names, is_global);
	if (!status && !is_global)
		status = cmd_lock(0, NULL);
	if (!status && !is_global)
		status = cmd_pull(0, NULL);
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(pins);
	return status;
}
