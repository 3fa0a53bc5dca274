/* tbx use: one step from "I want go 1.22 here" to a call that runs it:
 * the pin, the shims, the lock and the image. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "cmds.h"
#include "base/path.h"
#include "base/pinfind.h"
#include "base/project.h"
#include "plan.h"
#include "util.h"

/* Say when what a shim here runs is not the pin just written: a nearer
 * file, or a project's over the global file, wins. */
static void shadowed(const char *arg, const char *global)
{
	size_t len = strcspn(arg, "@");
	char *name = xfmt("%.*s", (int)len, arg), cwd[PATH_MAX], var[128];
	const char *env, *want;
	struct pinned pin;
	struct tool *t = NULL;
	struct tbx_err e;
	struct spec s;

	if (catalog_find(name, &t, &e) < 0)
		goto out;
	want = arg[len] ? arg + len + 1 : t->version;
	plan_version_var(name, var, sizeof(var));
	env = getenv(var);
	if (env && *env) {
		if (strcmp(env, want))
			fprintf(stderr,
				"tbx: use: warning: %s=%s in the environment wins here; unset it\n",
				var, env);
	} else if (getcwd(cwd, sizeof(cwd)) &&
		   catalog_spec(t, t->commands.v[0], &s, &e) == 0 &&
		   pin_find(cwd, "", 0, global ? global : "", &s, &pin, &e) >
			   0 &&
		   (strcmp(pin.version, want) || (global && !pin.global)))
		fprintf(stderr,
			"tbx: use: warning: %s = %s in %s:%u wins here; change it there\n",
			name, pin.version, pin.file, pin.line);
out:
	tool_free(t);
	free(name);
}

int cmd_use(int argc, char **argv)
{
	char global[PATH_MAX], own[PATH_MAX + 16] = "";
	struct project pr;
	struct tbx_err found;
	char **pins = xmalloc(((size_t)argc + 1) * sizeof(*pins));
	char **names = xmalloc(((size_t)argc + 1) * sizeof(*names));
	int n = 0, is_global = 0, status = 0;

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
	/* each name checked first, as a command line; what each pin will
	 * be, the catalog's version when none is given, for the install */
	for (int i = 0; i < n; i++) {
		size_t len = strcspn(pins[i], "@");
		char *name = xfmt("%.*s", (int)len, pins[i]);
		struct tool *t;
		struct tbx_err e;

		if (catalog_find_arg(name, &t, &e) < 0) {
			status = cmd_fail("use", &e);
			free(name);
			while (i--)
				free(names[i]);
			free(pins);
			free(names);
			return status;
		}
		names[i] = pins[i][len] ? xstrdup(pins[i])
					: xfmt("%s@%s", name, t->version);
		tool_free(t);
		free(name);
	}
	pin_global_path(global);
	if (is_global && !global[0]) {
		struct tbx_err e;

		for (int i = 0; i < n; i++)
			free(names[i]);
		free(pins);
		free(names);
		err_set(&e, TBX_EXIT_FAIL,
			"neither XDG_CONFIG_HOME nor HOME is an absolute path: the global file has no place");
		return cmd_fail("use", &e);
	}
	/* the project's own .toolbox, which its lock is for: one above the
	 * project (~/src/.toolbox) pins more than this project */
	if (!is_global && project_find(getenv("HOME"), &pr, &found) == 0 &&
	    pr.root[0] && pr.toolbox[0] && !path_within(pr.toolbox, pr.root))
		snprintf(own, sizeof(own), "%s/.toolbox", pr.root);
	status = project_pin("use", n, pins,
			     is_global ? global
			     : own[0]  ? own
				       : NULL,
			     is_global);
	/* the shims, then what the pins ask made ready: the project's
	 * locked digests; the global file's tags, which are not locked */
	if (!status)
		status = install_named(n, names, is_global, 1);
	if (!status && !is_global)
		status = cmd_lock(0, NULL);
	if (!status && !is_global)
		status = cmd_pull(0, NULL);
	for (int i = 0; !status && i < n; i++)
		shadowed(pins[i], is_global ? global : NULL);
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(pins);
	return status;
}
