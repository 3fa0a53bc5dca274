/* tbx: run developer tools from container images through tiny shims.
 * This file only dispatches to the verbs. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "cmds.h"
#include "dispatch.h"
#include "suggest.h"
#include "verbs.h"

static int is_help(const char *arg)
{
	return !strcmp(arg, "--help") || !strcmp(arg, "-h");
}

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "help";
	const struct verb *v;
	verb_fn *fn;
	int status;

	if (is_help(name))
		name = "help";
	if (!strcmp(name, "--version"))
		name = "version";
	v = verb_find(name);
	fn = dispatch_find(name);
	if (!v || !fn) {
		const char *names[64], *near;
		size_t n = 0;

		for (size_t i = 0; i < verbs_n && n < 64; i++)
			names[n++] = verbs[i].name;
		near = suggest(name, names, n);
		if (near)
			fprintf(stderr,
				"tbx: %s: not a tbx command; did you mean 'tbx %s'? (see 'tbx help')\n",
				name, near);
		else
			fprintf(stderr,
				"tbx: %s: not a tbx command; see 'tbx help'\n",
				name);
		return TBX_EXIT_USAGE;
	}
	if (argc > 2 && is_help(argv[2]))
		status = cmd_help(1, (char *[]){(char *)v->name, NULL});
	else
		status = fn(argc > 1 ? argc - 2 : 0, argv + 2);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "tbx: %s: cannot write to stdout: %s\n", name,
			strerror(errno));
		return TBX_EXIT_FAIL;
	}
	return status;
}
