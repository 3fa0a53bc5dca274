/* What a project pins, with its catalog entries and its lock, as the verbs
 * that use pins (lock, outdated, pull, doctor, install) load them. */
#include "project_pins.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/inifile.h"
#include "base/overrides.h"
#include "base/path.h"
#include "base/pinfind.h"
#include "base/state.h"
#include "base/trust.h"
#include "plan.h"
#include "util.h"

void pp_free(struct project_pins *pp)
{
	for (size_t i = 0; pp->tools && i < pp->pins.n; i++)
		tool_free(pp->tools[i]);
	free(pp->tools);
	free(pp->where);
	pins_free(&pp->pins);
	lockset_free(&pp->lock);
}

/* The image a .toolbox asks for in place of the catalog's is the one to
 * lock once the file is trusted, as shims run it; before, it is refused,
 * as shims refuse it. */
static int other_image(const struct project_pins *pp, struct tool *t,
		       struct tbx_err *e)
{
	static char text[INI_MAX_SIZE + 2];
	struct overrides ov;
	int r = ini_read(pp->project.toolbox, text, sizeof(text), e);

	if (r)
		return r > 0 ? 0 : -1;
	if (overrides_read(text, pp->project.toolbox, t->name, &ov, e) < 0)
		return -1;
	/* untrusted, the file's image is asked of no registry */
	if (ov.image[0]) {
		r = trust_check(pp->project.toolbox, text, e);
		if (r <= 0)
			return r < 0 ? -1
				     : err_set(e, TBX_EXIT_FAIL,
					       "%s asks for another image of %s (%s) and is not trusted; read it, then run 'tbx trust %s'",
					       pp->project.toolbox, t->name,
					       ov.image, pp->project.toolbox);
		free(t->image);
		t->image = xstrdup(ov.image);
	}
	return 0;
}

/* The tool a failure is about, for *context. */
static const char *failed(const char *tool)
{
	static char name[128];

	snprintf(name, sizeof(name), "%s", tool);
	return name;
}

/* Every tool each .toolbox from the cwd up pins must be in the catalog:
 * a name the shims never look up would pin nothing, silently. */
static int known_names(const char *cwd, const char **context, struct tbx_err *e)
{
	char dir[PATH_MAX], path[PATH_MAX];
	struct pins pins;
	struct tool *t;

	snprintf(dir, sizeof(dir), "%s", cwd);
	for (;;) {
		if (project_has(dir, ".toolbox", 1, 0, path)) {
			if (pins_read(path, &pins, e) < 0)
				return -1;
			for (size_t i = 0; i < pins.n; i++) {
				if (catalog_find(pins.v[i].tool, &t, e) < 0) {
					*context = failed(pins.v[i].tool);
					pins_free(&pins);
					return err_wrap(e, "%s", path);
				}
				tool_free(t);
			}
			pins_free(&pins);
		}
		if (!strcmp(dir, "/"))
			return 0;
		project_parent(dir);
	}
}

static void add_pin(struct project_pins *pp, struct tool *t,
		    const struct pinned *where)
{
	size_t n = pp->pins.n + 1;

	pp->pins.v = xrealloc(pp->pins.v, n * sizeof(*pp->pins.v));
	pp->tools = xrealloc(pp->tools, n * sizeof(*pp->tools));
	pp->where = xrealloc(pp->where, n * sizeof(*pp->where));
	pp->pins.v[n - 1].tool = xstrdup(t->name);
	pp->pins.v[n - 1].request = xstrdup(where->version);
	pp->tools[n - 1] = t;
	pp->where[n - 1] = *where;
	pp->pins.n = n;
}

int pp_collect(struct project_pins *pp, int global, const char **context,
	       struct tbx_err *e)
{
	struct strv names = {0};
	char global_path[PATH_MAX] = "";
	struct pinned where;
	struct tool *t;
	struct spec s;
	const char *tool = NULL;
	int r = 0;

	if (project_find(getenv("HOME"), &pp->project, e) < 0 ||
	    known_names(pp->project.cwd, context, e) < 0)
		return -1;
	if (global)
		pin_global_path(global_path);
	catalog_names(&names);
	for (size_t i = 0; r >= 0 && i < names.n; i++) {
		tool = names.v[i];
		r = catalog_find(names.v[i], &t, e);
		if (r < 0)
			break;
		r = catalog_spec(t, t->commands.v[0], &s, e);
		if (r == 0)
			r = pin_find(pp->project.cwd, pp->project.root, 0,
				     global_path, &s, &where, e);
		/* the project's own: what its lock is for */
		if (r > 0 &&
		    (global || path_within(where.file, pp->project.root)))
			add_pin(pp, t, &where);
		else
			tool_free(t);
	}
	if (r < 0)
		*context = failed(tool);
	strv_free(&names);
	return r < 0 ? -1 : (int)pp->pins.n;
}

int pp_load(struct project_pins *pp, int repairable, const char **context,
	    struct tbx_err *e)
{
	memset(pp, 0, sizeof(*pp));
	if (pp_collect(pp, 0, context, e) < 0)
		return -1;
	/* no project here: nothing it pins, nothing to lock */
	if (project_lock_path(&pp->project, pp->lock_path) < 0) {
		pp->lock_path[0] = '\0';
		return 0;
	}
	/* a lock that will be written is checked before anything is read
	 * through it or asked of a registry */
	if (repairable && file_replaceable(pp->lock_path, NULL, e) < 0)
		return -1;
	if (lockset_read(pp->lock_path, &pp->lock, e) < 0) {
		if (!repairable)
			return -1;
		fprintf(stderr,
			"tbx: lock: warning: %s; resolving every tool again\n",
			e->msg);
	}
	for (size_t i = 0; pp->project.toolbox[0] && i < pp->pins.n; i++)
		if (other_image(pp, pp->tools[i], e) < 0) {
			*context = failed(pp->pins.v[i].tool);
			return -1;
		}
	return 0;
}

void pp_note(const struct project_pins *pp)
{
	struct tbx_err e;

	state_note_project(pp->project.cwd, &e);
}

const char *pp_mismatch(const struct project_pins *pp, size_t i)
{
	const struct lock_entry *le =
		lockset_get(&pp->lock, pp->pins.v[i].tool);
	const struct tool *t = pp->tools[i];
	char tag[512];

	if (!le)
		return "not locked";
	if (strcmp(le->request, pp->pins.v[i].request))
		return "locked for another request";
	if (strcmp(le->repository, t->image) ||
	    plan_expand_tag(t->tag, le->version, tag, sizeof(tag)) < 0 ||
	    strcmp(tag, le->tag))
		return "locked to another image than the catalog's";
	return NULL;
}
