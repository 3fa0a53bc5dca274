/* tbx: run developer tools from container images through tiny shims.
 * This file only dispatches to the verbs. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "cmds.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
} verbs[] = {
	/* clang-format off */
	{"install", cmd_install},
	{"uninstall", cmd_uninstall},
	{"list", cmd_list},
	{"catalog", cmd_catalog},
	{"lock", cmd_lock},
	{"outdated", cmd_outdated},
	{"pull", cmd_pull},
	{"which", cmd_which},
	{"run", cmd_run},
	{"version", cmd_version},
	{"help", cmd_help},
	/* clang-format on */
};

int main(int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "help";
	int status;

	if (!strcmp(verb, "--help") || !strcmp(verb, "-h"))
		verb = "help";
	if (!strcmp(verb, "--version"))
		verb = "version";
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		if (strcmp(verb, verbs[i].name))
			continue;
		status = verbs[i].fn(argc > 1 ? argc - 2 : 0, argv + 2);
		if (fflush(stdout) || ferror(stdout)) {
			fprintf(stderr, "tbx: %s: cannot write to stdout: %s\n",
				verb, strerror(errno));
			return TBX_EXIT_FAIL;
		}
		return status;
	}
	fprintf(stderr, "tbx: %s: not a tbx command; see 'tbx help'\n", verb);
	return TBX_EXIT_USAGE;
}
