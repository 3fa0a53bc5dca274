/* tbx catalog: the tools that can be installed, and where each comes from. */
#include <stdio.h>

#include "catalog.h"
#include "cmds.h"

int cmd_catalog(int argc, char **argv)
{
	struct strv names = {0};
	struct tbx_err e;
	int status = 0;

	(void)argv;
	if (argc)
		return cmd_usage("catalog", "tbx catalog");
	catalog_names(&names);
	for (size_t i = 0; i < names.n; i++) {
		struct tool *t;

		if (catalog_find(names.v[i], &t, &e) < 0) {
			status = cmd_fail(names.v[i], &e);
			continue;
		}
		printf("%-12s %-10s %s\n", t->name, t->version, t->description);
		tool_free(t);
	}
	strv_free(&names);
	return status;
}
