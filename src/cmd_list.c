/* tbx list and tbx which: what is installed, and what a shim runs here. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "paths.h"
#include "plan.h"
#include "warm/client.h"
#include "shimdir.h"

/* Print a JSON value on stdout, consuming it. */
static void print_json(json_t *j)
{
	char *text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	if (text)
		puts(text);
	free(text);
	json_decref(j);
}

static void list_json(const struct shim_set *set)
{
	json_t *all = json_array();

	for (size_t i = 0; i < set->n; i++) {
		const struct spec *s = &set->v[i].shim.spec;
		json_t *o = json_object();
		char tag[512];

		if (plan_expand_tag(s->tag, s->version, tag, sizeof(tag)) < 0)
			strcpy(tag, "?");
		json_object_set_new(o, "command", json_string(set->v[i].name));
		json_object_set_new(o, "tool", json_string(s->tool));
		json_object_set_new(o, "image", json_string(s->image));
		json_object_set_new(o, "version", json_string(s->version));
		json_object_set_new(o, "tag", json_string(tag));
		json_object_set_new(o, "path", json_string(set->v[i].path));
		json_array_append_new(all, o);
	}
	print_json(all);
}

static void list_table(const struct shim_set *set)
{
	int w_cmd = 7, w_tool = 4;

	for (size_t i = 0; i < set->n; i++) {
		int a = (int)strlen(set->v[i].name),
		    b = (int)strlen(set->v[i].shim.spec.tool);

		w_cmd = a > w_cmd ? a : w_cmd;
		w_tool = b > w_tool ? b : w_tool;
	}
	if (set->n)
		printf("%-*s  %-*s  %s\n", w_cmd, "COMMAND", w_tool, "TOOL",
		       "IMAGE");
	for (size_t i = 0; i < set->n; i++) {
		const struct spec *s = &set->v[i].shim.spec;
		char tag[512];

		if (plan_expand_tag(s->tag, s->version, tag, sizeof(tag)) < 0)
			strcpy(tag, "?");
		printf("%-*s  %-*s  %s:%s\n", w_cmd, set->v[i].name, w_tool,
		       s->tool, s->image, tag);
	}
}

int cmd_list(int argc, char **argv)
{
	struct shim_set set;
	struct tbx_err e;
	char *dir;
	int json = argc == 1 && !strcmp(argv[0], "--json");

	if (argc && !json)
		return cmd_usage("list");
	dir = paths_shims_dir(&e);
	if (!dir || shimdir_read(dir, &set, &e) < 0) {
		free(dir);
		return cmd_fail("list", &e);
	}
	if (json)
		list_json(&set);
	else
		list_table(&set);
	shimdir_free(&set);
	free(dir);
	return 0;
}

static const char *source(const struct plan *p)
{
	static char buf[PATH_MAX + 16];

	switch (p->version_from) {
	case PLAN_FROM_ENV:
		snprintf(buf, sizeof(buf), "from %s", p->version_var);
		break;
	case PLAN_FROM_FILE:
	case PLAN_FROM_GLOBAL:
		snprintf(buf, sizeof(buf), "from %s:%u", p->pin.file,
			 p->pin.line);
		break;
	default: snprintf(buf, sizeof(buf), "catalog default");
	}
	return buf;
}

static const char *source_key(const struct plan *p)
{
	switch (p->version_from) {
	case PLAN_FROM_ENV: return "env";
	case PLAN_FROM_GLOBAL: return "global";
	case PLAN_FROM_FILE:
		return pinfile_is_toolbox(p->pin.file) ? "toolbox" : "file";
	default: return "catalog";
	}
}

static void which_json(const struct shim_entry *en, const struct plan *p,
		       const char *kept)
{
	json_t *o = json_object();

	json_object_set_new(o, "command", json_string(en->name));
	json_object_set_new(o, "shim", json_string(en->path));
	json_object_set_new(o, "tool", json_string(en->shim.spec.tool));
	json_object_set_new(o, "stale", json_boolean(shimdir_current(en) != 1));
	json_object_set_new(o, "version", json_string(p->version));
	json_object_set_new(o, "version_from", json_string(source_key(p)));
	json_object_set_new(o, "version_source",
			    json_string(p->version_from == PLAN_FROM_ENV
						? p->version_var
					: p->pin.file[0] ? p->pin.file
							 : "catalog"));
	json_object_set_new(o, "version_line",
			    p->pin.line ? json_integer(p->pin.line)
					: json_null());
	json_object_set_new(o, "image", json_string(p->image_ref));
	json_object_set_new(o, "locked", json_boolean(p->locked));
	json_object_set_new(o, "warning",
			    p->warning ? json_string(p->warning) : json_null());
	json_object_set_new(o, "project",
			    p->project.root[0] ? json_string(p->project.root)
					       : json_null());
	json_object_set_new(o, "home", json_string(p->host_home));
	json_object_set_new(o, "container_home", json_string(p->home));
	json_object_set_new(
		o, "engine",
		json_string(p->engine_err.status ? p->engine : p->engine_path));
	json_object_set_new(o, "warm", json_integer(p->warm));
	json_object_set_new(o, "warm_from", json_string(p->warm_from));
	json_object_set_new(o, "kept_container",
			    *kept ? json_string(kept) : json_null());
	json_object_set_new(o, "engine_error",
			    p->engine_err.status
				    ? json_string(p->engine_err.msg)
				    : json_null());
	print_json(o);
}

static void which_text(const struct shim_entry *en, const struct plan *p,
		       const char *kept)
{
	printf("%s%s\n", en->path,
	       shimdir_current(en) == 1
		       ? ""
		       : " (stale: written by another tbx or catalog; run 'tbx install --refresh')");
	printf("  tool     %s\n", en->shim.spec.tool);
	printf("  version  %s (%s)\n", p->version, source(p));
	printf("  image    %s%s\n", p->image_ref,
	       p->locked ? " (from .toolbox.lock)" : "");
	if (p->warning)
		printf("  %s\n", p->warning);
	printf("  project  %s\n",
	       p->project.root[0] ? p->project.root
				  : "none (a call from /, $HOME or above "
				    "it: the tool's HOME read-only)");
	printf("  home     %s -> %s\n", p->host_home, p->home);
	if (p->engine_err.status)
		printf("  engine   %s (%s)\n", p->engine, p->engine_err.msg);
	else
		printf("  engine   %s\n", p->engine_path);
	if (p->warm)
		printf("  warm     a kept container, stopped after %u s idle "
		       "(from %s); %s%s\n",
		       p->warm, p->warm_from, *kept ? "running: " : "none yet",
		       kept);
	else
		printf("  warm     no: a container per call (from %s)\n",
		       p->warm_from);
}

int cmd_which(int argc, char **argv)
{
	static struct plan plan;
	char kept[64] = "";
	struct shim_set set;
	const struct shim_entry *en;
	struct tbx_err e;
	char *dir;
	int r = -1, json = argc == 2 && !strcmp(argv[0], "--json");

	if (argc != 1 + json || argv[json][0] == '-')
		return cmd_usage("which");
	argv += json;
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
	struct plan_request req = {
		&en->shim.spec, en->shim.spec.command, NULL, 0, dir, NULL};
	/* the plan holds the warm mode the shim would choose */
	if (plan_make(&req, &plan, &e) < 0)
		goto out;
	if (plan.warm)
		warm_running(&plan, kept, sizeof(kept));
	if (json)
		which_json(en, &plan, kept);
	else
		which_text(en, &plan, kept);
	r = 0;
out:
	if (r < 0)
		cmd_fail(argv[0], &e);
	plan_free(&plan);
	shimdir_free(&set);
	free(dir);
	return r < 0 ? e.status : 0;
}
