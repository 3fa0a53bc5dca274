/* tbx: run developer tools from container images through tiny shims.
 * This file only dispatches to the verbs. */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "cmds.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
} verbs[] = {
	{"install", cmd_install}, {"uninstall", cmd_uninstall},
	{"list", cmd_list},	  {"catalog", cmd_catalog},
	{"which", cmd_which},	  {"run", cmd_run},
	{"version", cmd_version}, {"help", cmd_help},
};

int main(int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "help";

	if (!strcmp(verb, "--help") || !strcmp(verb, "-h"))
		verb = "help";
	if (!strcmp(verb, "--version"))
		verb = "version";
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (!strcmp(verb, verbs[i].name))
			return verbs[i].fn(argc > 1 ? argc - 2 : 0, argv + 2);
	fprintf(stderr, "tbx: '%s' is not a tbx command; see 'tbx help'\n",
		verb);
	return TBX_EXIT_USAGE;
}
