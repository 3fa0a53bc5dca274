/* Git's command line. */
#include "gitargs.h"

#include <string.h>

#include "base/fmt.h"
#include "gitsettings.h"

/* Git's options that take the next argument as their value. */
static int takes_value(const char *opt)
{
	static const char *const opts[] = {
		"-C",		"-c",
		"--git-dir",	"--work-tree",
		"--namespace",	"--super-prefix",
		"--config-env", "--attr-source",
	};

	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (!strcmp(opt, opts[i]))
			return 1;
	return 0;
}

int gitargs_command(char *const *args, int nargs)
{
	int i = 0;

	for (; i < nargs && args[i][0] == '-'; i++)
		if (takes_value(args[i]))
			i++;
	return i < nargs ? i : -1;
}

/* Whether the words of text hold cmd: its first (all of them for a shell
 * alias, "!..."). */
static int names(const char *text, const char *cmd)
{
	size_t n = strlen(cmd);
	int shell = text[0] == '!';

	/* a shell's words end at its operators too */
	const char *ends = shell ? " \t;&|(){}'\"" : " \t";

	for (const char *w = text + shell; *w;) {
		size_t len;

		w += strspn(w, ends);
		len = strcspn(w, ends);
		if (len == n && !strncmp(w, cmd, n))
			return 1;
		if (!shell)
			return 0;
		w += len;
	}
	return 0;
}

int gitargs_runs(char *const *args, int nargs, const char *cmd)
{
	int i = gitargs_command(args, nargs);
	char name[256], alias[4096];

	if (i < 0)
		return 0;
	if (!strcmp(args[i], cmd))
		return 1;
	return (size_t)fmt(name, sizeof(name), "alias.%s", args[i]) <
		       sizeof(name) &&
	       gitsettings_get(name, alias, sizeof(alias)) == 0 &&
	       names(alias, cmd);
}
