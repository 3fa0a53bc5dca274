/* tbx ls: every tool active here, as its shim would run it: the version
 * and the file it came from, the image, whether the lock serves it and
 * the engine has it, and whether its shims are there and current. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "active.h"
#include "cmds.h"
#include "base/endpoint.h"
#include "base/engine_api.h"
#include "paths.h"
#include "project_pins.h"
#include "shimdir.h"

struct row {
	char *tool, *version, *from, *image, *error;
	int locked;
	int here;	   /* 1, 0, or -1 when the engine cannot say */
	const char *shims; /* "ok", "stale", "missing" */
};

/* The tools: what the project and the global file pin, and what has
 * shims, each once, in that order. */
static void add_name(struct strv *names, const char *tool)
{
	if (!strv_has(names, tool))
		strv_push(names, xstrdup(tool));
}

static const char *from_text(const struct plan *p, char *buf, size_t size)
{
	switch (p->version_from) {
	case PLAN_FROM_ENV: return p->version_var;
	case PLAN_FROM_FILE:
	case PLAN_FROM_GLOBAL:
		snprintf(buf, size, "%s:%u", p->pin.file, p->pin.line);
		return buf;
	default: return "catalog";
	}
}

static void fill(struct row *r, const char *tool, const struct shim_set *set,
		 const char *dir)
{
	const struct endpoint *ep = endpoint_get();
	char buf[PATH_MAX + 16], id[ENGINE_IMAGE_ID_SIZE];
	struct active *a;
	struct tbx_err e;
	int have = 0, stale = 0;

	memset(r, 0, sizeof(*r));
	r->tool = xstrdup(tool);
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->v[i].shim.spec.tool, tool)) {
			have = 1;
			stale |= shimdir_current(&set->v[i]) != 1;
		}
	r->shims = !have ? "missing" : stale ? "stale" : "ok";
	a = active_plan(tool, set, dir, &e);
	if (!a) {
		r->error = xstrdup(e.msg);
		return;
	}
	r->version = xstrdup(a->plan.version);
	r->from = xstrdup(from_text(&a->plan, buf, sizeof(buf)));
	r->image = xstrdup(a->plan.image_ref);
	r->locked = a->plan.locked;
	r->here = ep->socket && endpoint_local(ep)
			  ? engine_image_id(ep->socket, a->plan.image_ref, id)
			  : -1;
	r->here = r->here < 0 ? -1 : r->here;
	active_free(a);
}

static void print_table(const struct row *rows, size_t n)
{
	int w[4] = {4, 7, 4, 5};

	for (size_t i = 0; i < n; i++) {
		const char *col[4] = {rows[i].tool, rows[i].version,
				      rows[i].from, rows[i].image};

		for (int c = 0; c < 4; c++)
			if (col[c] && (int)strlen(col[c]) > w[c])
				w[c] = (int)strlen(col[c]);
	}
	printf("%-*s  %-*s  %-*s  %-*s  %-6s  %-4s  %s\n", w[0], "TOOL", w[1],
	       "VERSION", w[2], "FROM", w[3], "IMAGE", "LOCKED", "HERE",
	       "SHIMS");
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];

		if (r->error) {
			printf("%-*s  error: %s\n", w[0], r->tool, r->error);
			continue;
		}
		printf("%-*s  %-*s  %-*s  %-*s  %-6s  %-4s  %s\n", w[0],
		       r->tool, w[1], r->version, w[2], r->from, w[3], r->image,
		       r->locked ? "yes" : "no",
		       r->here < 0 ? "?"
		       : r->here   ? "yes"
				   : "no",
		       r->shims);
	}
}

static void print_json_rows(const struct row *rows, size_t n)
{
	json_t *all = json_array();
	char *text;

	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		json_t *o = json_object();

		json_object_set_new(o, "tool", json_string(r->tool));
		if (r->error)
			json_object_set_new(o, "error", json_string(r->error));
		else {
			json_object_set_new(o, "version",
					    json_string(r->version));
			json_object_set_new(o, "from", json_string(r->from));
			json_object_set_new(o, "image", json_string(r->image));
			json_object_set_new(o, "locked",
					    json_boolean(r->locked));
			json_object_set_new(o, "here",
					    r->here < 0
						    ? json_null()
						    : json_boolean(r->here));
		}
		json_object_set_new(o, "shims", json_string(r->shims));
		json_array_append_new(all, o);
	}
	text = json_dumps(all, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (text)
		puts(text);
	free(text);
	json_decref(all);
}

int cmd_ls(int argc, char **argv)
{
	struct project_pins pp = {0};
	struct shim_set set = {0};
	struct strv names = {0};
	struct row *rows = NULL;
	const char *context = "ls";
	struct tbx_err e;
	char *dir = NULL;
	int json = argc == 1 && !strcmp(argv[0], "--json"), status = 0;

	if (argc && !json)
		return cmd_usage("ls");
	dir = paths_shims_dir(&e);
	if (!dir || shimdir_read(dir, &set, &e) < 0 ||
	    pp_collect(&pp, 1, &context, &e) < 0) {
		status = cmd_fail(context, &e);
		goto out;
	}
	for (size_t i = 0; i < pp.pins.n; i++)
		add_name(&names, pp.pins.v[i].tool);
	for (size_t i = 0; i < set.n; i++)
		add_name(&names, set.v[i].shim.spec.tool);
	rows = xmalloc((names.n ? names.n : 1) * sizeof(*rows));
	for (size_t i = 0; i < names.n; i++) {
		fill(&rows[i], names.v[i], &set, dir);
		status = rows[i].error ? TBX_EXIT_FAIL : status;
	}
	if (json)
		print_json_rows(rows, names.n);
	else if (names.n)
		print_table(rows, names.n);
	else
		printf("nothing pinned here and no shims installed ('tbx use <tool>' does both)\n");
	for (size_t i = 0; i < names.n; i++) {
		free(rows[i].tool);
		free(rows[i].version);
		free(rows[i].from);
		free(rows[i].image);
		free(rows[i].error);
	}
out:
	free(rows);
	strv_free(&names);
	pp_free(&pp);
	shimdir_free(&set);
	free(dir);
	return status;
}
