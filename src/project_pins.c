/* A project's .toolbox with its catalog entries and its lock, as the verbs
 * that use pins (lock, outdated, pull, doctor) load them. */
#include "project_pins.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/inifile.h"
#include "base/overrides.h"
#include "base/trust.h"
#include "plan.h"
#include "util.h"

void pp_free(struct project_pins *pp)
{
	for (size_t i = 0; pp->tools && i < pp->pins.n; i++)
		tool_free(pp->tools[i]);
	free(pp->tools);
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

int pp_load(struct project_pins *pp, int repairable, const char **context,
	    struct tbx_err *e)
{
	memset(pp, 0, sizeof(*pp));
	if (project_find(getenv("HOME"), &pp->project, e) < 0)
		return -1;
	if (!pp->project.toolbox[0])
		return err_set(
			e, TBX_EXIT_FAIL,
			"no .toolbox in %s or above; write one with a [tools] section",
			pp->project.cwd);
	snprintf(pp->lock_path, sizeof(pp->lock_path), "%s.lock",
		 pp->project.toolbox);
	if (pins_read(pp->project.toolbox, &pp->pins, e) < 0)
		return -1;
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
	pp->tools = xmalloc((pp->pins.n ? pp->pins.n : 1) * sizeof(*pp->tools));
	memset(pp->tools, 0,
	       (pp->pins.n ? pp->pins.n : 1) * sizeof(*pp->tools));
	for (size_t i = 0; i < pp->pins.n; i++)
		if (catalog_find(pp->pins.v[i].tool, &pp->tools[i], e) < 0 ||
		    other_image(pp, pp->tools[i], e) < 0) {
			*context = pp->pins.v[i].tool;
			return -1;
		}
	return 0;
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
