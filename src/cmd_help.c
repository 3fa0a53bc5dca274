/* tbx help and tbx version, and the shared ways verbs report failure. */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "cmds.h"
#include "shimfile.h"
#include "spec.h"

static const char usage[] =
	"usage: tbx <command> [<args>]\n"
	"\n"
	"Run developer tools from container images as if they were installed.\n"
	"\n"
	"  install <tool>...             write shims for the tools' commands\n"
	"  uninstall <tool>...           remove the tools' shims\n"
	"  list                          list installed shims\n"
	"  catalog [--json|--markdown]   list the tools that can be installed\n"
	"  lock [--frozen|--update [t]]  pin .toolbox's tools to digests in .toolbox.lock\n"
	"  outdated                      newer versions of the pinned tools\n"
	"  pull                          pull every locked image through the engine\n"
	"  which <command>               show what a shim runs here, and why\n"
	"  run <tool> [--] <cmd> [args]  run a command of a tool without a shim\n"
	"  version                       print the version\n"
	"  help                          print this help\n"
	"\n"
	"Shims go to $TBX_HOME/shims (default ~/.local/share/tbx/shims); put\n"
	"that directory first in PATH. A project's .toolbox pins versions:\n"
	"\n"
	"  [tools]\n"
	"  go = 1.22\n"
	"\n"
	"Environment: TBX_HOME, TBX_CATALOG_PATH, TBX_ENGINE, TBX_DRY_RUN,\n"
	"TBX_<TOOL>_VERSION. Exit status: 0 success, 2 usage, 125 tbx failed,\n"
	"126 engine not runnable, 127 engine not found; a shim otherwise exits\n"
	"with the tool's status.\n";

int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs(usage, stdout);
	return 0;
}

int cmd_version(int argc, char **argv)
{
	(void)argv;
	if (argc)
		return cmd_usage("version", "tbx version");
	printf("tbx %s (shim spec v%d, stub %lu bytes)\n", TBX_VERSION,
	       SPEC_VERSION, shimfile_stub_size());
	return 0;
}

int cmd_fail(const char *context, const struct tbx_err *e)
{
	err_print(context, e);
	return e->status;
}

int cmd_usage(const char *verb, const char *text)
{
	fprintf(stderr, "tbx: %s: usage: %s\n", verb, text);
	return TBX_EXIT_USAGE;
}
