/* Verb names to their functions (cmds.h). */
#include "dispatch.h"

#include <string.h>

#include "cmds.h"

static const struct {
	const char *name;
	verb_fn *fn;
} fns[] = {
	{"install", cmd_install},
	{"uninstall", cmd_uninstall},
	{"list", cmd_list},
	{"ls", cmd_ls},
	{"catalog", cmd_catalog},
	{"init", cmd_init},
	{"add", cmd_add},
	{"remove", cmd_remove},
	{"use", cmd_use},
	{"trust", cmd_trust},
	{"lock", cmd_lock},
	{"outdated", cmd_outdated},
	{"versions", cmd_versions},
	{"pull", cmd_pull},
	{"verify", cmd_verify},
	{"which", cmd_which},
	{"run", cmd_run},
	{"doctor", cmd_doctor},
	{"export", cmd_export},
	/* what the shims leave on the engine and in the cache */
	{"gc", cmd_gc},
	{"prune", cmd_prune},
	{"ps", cmd_ps},
	{"stop", cmd_stop},
	{"completion", cmd_completion},
	{"version", cmd_version},
	{"help", cmd_help},
};

verb_fn *dispatch_find(const char *name)
{
	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
		if (!strcmp(fns[i].name, name))
			return fns[i].fn;
	return NULL;
}

unsigned long dispatch_count(void)
{
	return sizeof(fns) / sizeof(fns[0]);
}
