/* tbx list and tbx which: what is installed, and what a shim runs here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "paths.h"
#include "runtime.h"
#include "shimdir.h"

int cmd_list(int argc, char **argv)
{
	struct shim_set set;
	struct tbx_err e;
	char *dir;
	int w_cmd = 7, w_tool = 4;

	(void)argv;
	if (argc)
		return cmd_usage("list", "tbx list");
	dir = paths_shims_dir(&e);
	if (!dir || shimdir_read(dir, &set, &e) < 0) {
		free(dir);
		return cmd_fail("list", &e);
	}
	for (size_t i = 0; i < set.n; i++) {
		int a = (int)strlen(set.v[i].name),
		    b = (int)strlen(set.v[i].shim.spec.tool);

		w_cmd = a > w_cmd ? a : w_cmd;
		w_tool = b > w_tool ? b : w_tool;
	}
	if (set.n)
		printf("%-*s  %-*s  %s\n", w_cmd, "COMMAND", w_tool, "TOOL",
		       "IMAGE");
	for (size_t i = 0; i < set.n; i++) {
		const struct spec *s = &set.v[i].shim.spec;
		char tag[512];

		if (rt_expand_tag(s->tag, s->version, tag, sizeof(tag)) < 0)
			strcpy(tag, "?");
		printf("%-*s  %-*s  %s:%s\n", w_cmd, set.v[i].name, w_tool,
		       s->tool, s->image, tag);
	}
	shimdir_free(&set);
	free(dir);
	return 0;
}

static const char *source(const struct rt_plan *p)
{
	static char buf[PATH_MAX + 16];

	switch (p->version_from) {
	case RT_FROM_ENV:
		snprintf(buf, sizeof(buf), "from %s", p->version_var);
		break;
	case RT_FROM_TOOLBOX:
		snprintf(buf, sizeof(buf), "from %s", p->project.toolbox);
		break;
	default: snprintf(buf, sizeof(buf), "catalog default");
	}
	return buf;
}

int cmd_which(int argc, char **argv)
{
	static struct rt_plan plan;
	struct shim_set set;
	const struct shim_entry *en;
	struct tbx_err e;
	char *dir;
	int r = -1;

	if (argc != 1)
		return cmd_usage("which", "tbx which <command>");
	dir = paths_shims_dir(&e);
	if (!dir || shimdir_read(dir, &set, &e) < 0) {
		free(dir);
		return cmd_fail(argv[0], &e);
	}
	en = shimdir_get(&set, argv[0]);
	if (!en) {
		err_set(&e, TBX_EXIT_FAIL, "no shim in %s (see 'tbx list')",
			dir);
		goto out;
	}
	struct rt_request req = {&en->shim.spec, en->shim.spec.command, NULL, 0,
				 dir};
	if (rt_plan(&req, &plan, &e) < 0)
		goto out;
	printf("%s\n", en->path);
	printf("  tool     %s\n", en->shim.spec.tool);
	printf("  version  %s (%s)\n", plan.version, source(&plan));
	printf("  image    %s%s\n", plan.image_ref,
	       plan.locked ? " (from .toolbox.lock)" : "");
	if (plan.warning)
		printf("  %s\n", plan.warning);
	printf("  project  %s\n", plan.project.root);
	printf("  home     %s -> %s\n", plan.host_home, en->shim.spec.home);
	if (plan.engine_err.status)
		printf("  engine   %s (%s)\n", plan.engine,
		       plan.engine_err.msg);
	else
		printf("  engine   %s\n", plan.engine_path);
	r = 0;
out:
	if (r < 0)
		cmd_fail(argv[0], &e);
	rt_plan_free(&plan);
	shimdir_free(&set);
	free(dir);
	return r < 0 ? e.status : 0;
}
