/* What a shim here runs for a tool, for the verbs that report or keep it. */
#include "active.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct active *active_plan(const char *tool, const struct shim_set *set,
			   const char *dir, struct tbx_err *e)
{
	struct active *a = xmalloc(sizeof(*a));
	const struct shim_entry *en = shimdir_tool(set, tool);

	memset(a, 0, sizeof(*a));
	if (en)
		a->spec = en->shim.spec;
	else if (catalog_find(tool, &a->tool, e) < 0 ||
		 catalog_spec(a->tool, a->tool->commands.v[0], &a->spec, e) < 0)
		goto fail;
	a->req = (struct plan_request){&a->spec, a->spec.command, NULL, 0, dir,
				       NULL};
	if (plan_make(&a->req, &a->plan, e) == 0)
		return a;
fail:
	active_free(a);
	return NULL;
}

void active_free(struct active *a)
{
	if (!a)
		return;
	plan_free(&a->plan);
	tool_free(a->tool);
	free(a);
}
