/* tbx install / tbx uninstall: writing and removing a tool's shims. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "cmds.h"
#include "base/mkdirs.h"
#include "base/pinfind.h"
#include "base/toolbox.h"
#include "plan.h"
#include "project_pins.h"
#include "paths.h"
#include "shimdir.h"

int install_check_conflicts(const char *dir, struct tool **tools, int n,
			    const struct shim_set *set, struct tbx_err *e)
{
	for (int i = 0; i < n; i++) {
		for (size_t c = 0; c < tools[i]->commands.n; c++) {
			const char *cmd = tools[i]->commands.v[c];
			const struct shim_entry *en = shimdir_get(set, cmd);
			char *path = xfmt("%s/%s", dir, cmd);
			/* another tbx's shim is tbx's to replace */
			int exists = access(path, F_OK) == 0 &&
				     !shimfile_other_version(path);

			free(path);
			if (en && strcmp(en->shim.spec.tool, tools[i]->name))
				return err_set(
					e, TBX_EXIT_FAIL,
					"command '%s' is already provided by '%s' (tbx uninstall %s first)",
					cmd, en->shim.spec.tool,
					en->shim.spec.tool);
			if (!en && exists)
				return err_set(
					e, TBX_EXIT_FAIL,
					"%s/%s exists and is not a tbx shim",
					dir, cmd);
			for (int j = 0; j < i; j++)
				for (size_t k = 0; k < tools[j]->commands.n;
				     k++)
					if (!strcmp(tools[j]->commands.v[k],
						    cmd))
						return err_set(
							e, TBX_EXIT_FAIL,
							"'%s' and '%s' both provide command '%s'",
							tools[j]->name,
							tools[i]->name, cmd);
		}
	}
	return 0;
}

static int has_command(const struct tool *t, const char *cmd)
{
	for (size_t i = 0; i < t->commands.n; i++)
		if (!strcmp(t->commands.v[i], cmd))
			return 1;
	return 0;
}

/* Write t's shims; version is what the project pins or the command line
 * asks (how says which), or NULL; verb says what was done. */
static int install_tool(const char *dir, const struct tool *t,
			const char *version, const char *how,
			const struct shim_set *set, const char *verb,
			struct tbx_err *e)
{
	struct spec s;

	for (size_t i = 0; i < t->commands.n; i++)
		if (catalog_spec(t, t->commands.v[i], &s, e) < 0 ||
		    shimfile_write(dir, &s, e) < 0)
			return -1;
	/* commands the catalog entry no longer has */
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->v[i].shim.spec.tool, t->name) &&
		    !has_command(t, set->v[i].name) &&
		    unlink(set->v[i].path) < 0 && errno != ENOENT)
			return err_sys(e, TBX_EXIT_FAIL, "cannot remove %s",
				       set->v[i].path);
	if (version && strcmp(version, t->version))
		printf("%s %s %s (%s; the catalog's: %s):", verb, t->name,
		       version, how, t->version);
	else
		printf("%s %s %s:", verb, t->name, t->version);
	for (size_t i = 0; i < t->commands.n; i++)
		printf(" %s", t->commands.v[i]);
	putchar('\n');
	return 0;
}

/* Rewrite the shims of every installed tool one of whose shims is stale:
 * after an upgrade of tbx or an edit of the catalog, a shim would go on
 * running what it was written with. */
static int refresh(void)
{
	struct shim_set set = {0};
	struct strv stale = {0}, gone = {0};
	struct tool *t;
	struct tbx_err e;
	const char *context = "install";
	char *dir = paths_shims_dir(&e);
	int r = 0;

	if (!dir || shimdir_read(dir, &set, &e) < 0)
		r = -1;
	else
		shimdir_stale(&set, &stale, &gone);
	for (size_t i = 0; r == 0 && i < stale.n; i++) {
		const char *tool = stale.v[i];

		if (strv_has(&gone, tool)) {
			fprintf(stderr,
				"tbx: install: warning: %s is no longer in the catalog; its shims are left as they are ('tbx uninstall %s' removes them)\n",
				tool, tool);
			continue;
		}
		context = tool;
		r = catalog_find(tool, &t, &e);
		if (r == 0) {
			r = install_check_conflicts(dir, &t, 1, &set, &e);
			if (r == 0)
				r = install_tool(dir, t, NULL, NULL, &set,
						 "refreshed", &e);
			tool_free(t);
		}
	}
	if (r < 0)
		cmd_fail(context, &e);
	strv_free(&stale);
	strv_free(&gone);
	shimdir_free(&set);
	free(dir);
	return r < 0 ? e.status : 0;
}

int cmd_install(int argc, char **argv)
{
	return install_named(argc, argv, 1, 0);
}

int install_named(int argc, char **argv, int pull, int pins)
{
	struct project_pins pp = {0};
	struct tool **tools = NULL;
	const char **versions = NULL; /* tool@version's, else NULL */
	struct shim_set set = {0};
	struct tbx_err e;
	const char *context = "install";
	char *dir = NULL, global[PATH_MAX];
	int n = 0, r = -1, pinned = argc == 0;

	if (argc == 1 && !strcmp(argv[0], "--refresh"))
		return refresh();
	if (argc && argv[0][0] == '-')
		return cmd_usage("install");

	/* none named: what the project and the user's global file pin, a
	 * teammate's onboarding. The shims carry the catalog's entries (a
	 * shim is every project's: a project's image applies at call time,
	 * once trusted). */
	if (pinned) {
		n = pp_collect(&pp, 1, &context, &e);
		if (n < 0) {
			context = context ? context : "install";
			n = 0;
			goto out;
		}
		context = "install";
		tools = pp.tools;
		pin_global_path(global);
		if (!n) {
			err_set(&e, TBX_EXIT_FAIL,
				"nothing pins a tool in %s or above, nor %s: name the tools to install",
				pp.project.cwd,
				global[0] ? global : "a global file");
			goto out;
		}
		pp_note(&pp);
	} else {
		tools = xmalloc((size_t)argc * sizeof(*tools));
		versions = xmalloc((size_t)argc * sizeof(*versions));
		for (; n < argc; n++) {
			char *at = strchr(argv[n], '@');

			context = argv[n];
			versions[n] = at ? at + 1 : NULL;
			if (at)
				*at = '\0';
			if (catalog_find_arg(argv[n], &tools[n], &e) < 0)
				goto out;
			if (at && version_invalid(at + 1)) {
				err_set(&e, TBX_EXIT_USAGE,
					"version '%s' for '%s' %s", at + 1,
					argv[n], version_invalid(at + 1));
				n++;
				goto out;
			}
		}
	}
	context = "install";
	dir = paths_shims_dir(&e);
	if (!dir || mkdirs(dir, 0755, &e) < 0 ||
	    shimdir_read(dir, &set, &e) < 0 ||
	    install_check_conflicts(dir, tools, n, &set, &e) < 0)
		goto out;
	for (int i = 0; i < n; i++) {
		context = tools[i]->name;
		if (install_tool(dir, tools[i],
				 pinned ? pp.pins.v[i].request
				 : pins ? versions[i]
					: NULL,
				 "pinned", &set, "installed", &e) < 0)
			goto out;
	}
	/* tool@version: that version's image, made ready */
	for (int i = 0; pull && !pinned && i < n; i++) {
		char tag[512], *ref;
		int pulled;

		if (!versions[i])
			continue;
		context = tools[i]->name;
		if (plan_expand_tag(tools[i]->tag, versions[i], tag,
				    sizeof(tag)) < 0) {
			err_set(&e, TBX_EXIT_FAIL,
				"tag from '%s' with version '%s' must have 1 to 128 characters",
				tools[i]->tag, versions[i]);
			goto out;
		}
		ref = xfmt("%s:%s", tools[i]->image, tag);
		pulled = engine_pull(tools[i]->name, ref, 1, &e);
		free(ref);
		if (pulled < 0)
			goto out;
	}
	r = 0;
out:
	if (r < 0)
		cmd_fail(context, &e);
	if (!pinned) {
		for (int i = 0; i < n; i++)
			tool_free(tools[i]);
		free(tools);
		free(versions);
	}
	pp_free(&pp);
	shimdir_free(&set);
	free(dir);
	return r < 0 ? e.status : 0;
}

int cmd_uninstall(int argc, char **argv)
{
	struct shim_set set = {0};
	struct tbx_err e;
	char *dir;
	int r = -1;

	if (argc < 1)
		return cmd_usage("uninstall");
	dir = paths_shims_dir(&e);
	if (!dir || shimdir_read(dir, &set, &e) < 0)
		goto out;
	for (int i = 0; i < argc; i++) {
		if (!shimdir_tool(&set, argv[i])) {
			err_set(&e, TBX_EXIT_FAIL, "'%s' is not installed",
				argv[i]);
			goto out;
		}
	}
	for (size_t k = 0; k < set.n; k++)
		for (int i = 0; i < argc; i++)
			if (!strcmp(set.v[k].shim.spec.tool, argv[i]) &&
			    unlink(set.v[k].path) < 0 && errno != ENOENT) {
				err_sys(&e, TBX_EXIT_FAIL, "cannot remove %s",
					set.v[k].path);
				goto out;
			}
	r = 0;
out:
	if (r < 0)
		cmd_fail("uninstall", &e);
	shimdir_free(&set);
	free(dir);
	return r < 0 ? e.status : 0;
}
