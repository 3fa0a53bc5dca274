/* tbx help and tbx version, and the shared ways verbs report failure. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "base/err.h"
#include "shimfile.h"
#include "base/spec.h"
#include "verbs.h"

static const char tail[] =
	"\n"
	"Shims go to $TBX_HOME/shims (default ~/.local/share/tbx/shims); put\n"
	"that directory first in PATH. A project's .toolbox pins versions:\n"
	"\n"
	"  [tools]\n"
	"  go = 1.22\n"
	"\n"
	"Environment: TBX_HOME, TBX_CATALOG_PATH, TBX_ENGINE, TBX_DRY_RUN,\n"
	"TBX_<TOOL>_VERSION, TBX_FROZEN, NO_COLOR. Exit status: 0 success, 1 a\n"
	"check failed (lock --frozen, doctor), 2 usage, 125 tbx failed, 126\n"
	"engine not runnable, 127 engine not found; a shim otherwise exits with\n"
	"the tool's status. 'tbx help <command>' or 'tbx <command> --help' tells\n"
	"more; man tbx, man 5 toolbox.\n";

static void overview(void)
{
	fputs("usage: tbx <command> [<args>]\n\n"
	      "Run developer tools from container images as if they were installed.\n\n",
	      stdout);
	for (size_t i = 0; i < verbs_n; i++) {
		char left[64];

		snprintf(left, sizeof(left), "%s %s", verbs[i].name,
			 verbs[i].args);
		if (strlen(left) > 30)
			printf("  %s\n  %-30s %s\n", left, "",
			       verbs[i].summary);
		else
			printf("  %-30s %s\n", left, verbs[i].summary);
	}
	fputs(tail, stdout);
}

int cmd_help(int argc, char **argv)
{
	const struct verb *v;

	if (argc > 1)
		return cmd_usage("help");
	if (!argc) {
		overview();
		return 0;
	}
	v = verb_find(argv[0]);
	if (!v) {
		fprintf(stderr, "tbx: help: '%s' is not a tbx command\n",
			argv[0]);
		return TBX_EXIT_USAGE;
	}
	printf("usage: tbx %s%s%s\n\n%c%s.\n", v->name, *v->args ? " " : "",
	       v->args, toupper((unsigned char)v->summary[0]), v->summary + 1);
	if (*v->help)
		printf("\n%s", v->help);
	return 0;
}

int cmd_version(int argc, char **argv)
{
	(void)argv;
	if (argc)
		return cmd_usage("version");
	printf("tbx %s (shim spec v%d, stub %lu bytes)\n", TBX_VERSION,
	       SPEC_VERSION, shimfile_stub_size());
	return 0;
}

int cmd_fail(const char *context, const struct tbx_err *e)
{
	err_print(context, e);
	return e->status;
}

int cmd_usage(const char *verb)
{
	const struct verb *v = verb_find(verb);

	fprintf(stderr, "tbx: %s: usage: tbx %s%s%s\n", verb, verb,
		v && *v->args ? " " : "", v ? v->args : "");
	return TBX_EXIT_USAGE;
}
