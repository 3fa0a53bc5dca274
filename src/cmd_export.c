/* tbx export: self-contained shims and an example Dockerfile for a CI
 * image that runs the tools on the host's engine through its socket. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmds.h"
#include "base/mkdirs.h"
#include "project_pins.h"
#include "shimdir.h"

static const char dockerfile[] =
	"# A CI image whose tools run from their own images on the host's\n"
	"# engine. 'tbx export' wrote bin/ beside this file: self-contained\n"
	"# shims that need only the engine's client. Build and use it:\n"
	"#\n"
	"#   docker build -t my-ci .\n"
	"#   docker run --rm -v /var/run/docker.sock:/var/run/docker.sock \\\n"
	"#     -v \"$PWD:/workspace\" -w /workspace my-ci %s\n"
	"#\n"
	"# The workspace must be a volume or a bind mount: inside a container a\n"
	"# shim gives the tool's container this container's volumes\n"
	"# (--volumes-from), at the same paths, and a fresh HOME per call. A\n"
	"# .toolbox and .toolbox.lock in the workspace pin the versions.\n"
	"FROM debian:bookworm-slim\n"
	"RUN apt-get update \\\n"
	"    && apt-get install -y --no-install-recommends docker.io \\\n"
	"    && rm -rf /var/lib/apt/lists/*\n"
	"COPY bin/ /usr/local/bin/\n";

/* Whether path is absent or a Dockerfile this command wrote. */
static int ours(const char *path)
{
	char *text;
	size_t len;
	int r;

	if (read_file(path, 64 * 1024, &text, &len) < 0)
		return errno == ENOENT;
	r = !strncmp(text, dockerfile, strcspn(dockerfile, "\n"));
	free(text);
	return r;
}

/* The tools named, else those the project pins. */
static int tool_names(int argc, char **argv, struct strv *names,
		      const char **context, struct tbx_err *e)
{
	struct project_pins pp = {0};
	int n;

	for (int i = 0; i < argc; i++)
		strv_push(names, xstrdup(argv[i]));
	if (argc)
		return 0;
	n = pp_collect(&pp, 0, context, e);
	for (int i = 0; i < n; i++)
		strv_push(names, xstrdup(pp.pins.v[i].tool));
	if (n == 0)
		err_set(e, TBX_EXIT_FAIL,
			"no tools named, and nothing pins one within the project %s (a pin above it is not the project's): name the tools",
			pp.project.root[0] ? pp.project.root : pp.project.cwd);
	pp_free(&pp);
	return n > 0 ? 0 : -1;
}

static int export_tools(const char *dir, const struct strv *names,
			const char **context, struct tbx_err *e)
{
	char *bin = xfmt("%s/bin", dir), *path = xfmt("%s/Dockerfile", dir);
	char *text = NULL;
	struct shim_set set = {0};
	struct tool **tools = xmalloc(names->n * sizeof(*tools));
	size_t n = 0;
	int r = -1;

	for (; n < names->n; n++) {
		*context = names->v[n];
		if (catalog_find(names->v[n], &tools[n], e) < 0)
			goto out;
	}
	*context = "export";
	if (mkdirs(bin, 0755, e) < 0 || shimdir_read(bin, &set, e) < 0 ||
	    install_check_conflicts(bin, tools, (int)n, &set, e) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct spec s;

		for (size_t c = 0; c < tools[i]->commands.n; c++)
			if (catalog_spec(tools[i], tools[i]->commands.v[c], &s,
					 e) < 0 ||
			    shimfile_write(bin, &s, e) < 0)
				goto out;
		printf("exported %s %s:", tools[i]->name, tools[i]->version);
		for (size_t c = 0; c < tools[i]->commands.n; c++)
			printf(" %s", tools[i]->commands.v[c]);
		putchar('\n');
	}
	if (!ours(path)) {
		err_set(e, TBX_EXIT_FAIL,
			"%s exists and was not written by tbx export", path);
		goto out;
	}
	text = xfmt(dockerfile, tools[0]->commands.v[0]);
	if (write_atomic(path, text, strlen(text), 0644, e) < 0)
		goto out;
	printf("wrote %s\n", path);
	r = 0;
out:
	for (size_t i = 0; i < n; i++)
		tool_free(tools[i]);
	free(tools);
	shimdir_free(&set);
	free(text);
	free(path);
	free(bin);
	return r;
}

int cmd_export(int argc, char **argv)
{
	const char *dir = NULL, *context = "export";
	struct strv names = {0};
	struct tbx_err e;
	int status = 0;

	if (argc >= 2 && !strcmp(argv[0], "--dir")) {
		dir = argv[1];
		argc -= 2;
		argv += 2;
	} else if (argc >= 1 && !strncmp(argv[0], "--dir=", 6)) {
		dir = argv[0] + 6;
		argc--;
		argv++;
	}
	if (!dir || !*dir || (argc && argv[0][0] == '-'))
		return cmd_usage("export");
	if (tool_names(argc, argv, &names, &context, &e) < 0 ||
	    export_tools(dir, &names, &context, &e) < 0)
		status = cmd_fail(context, &e);
	strv_free(&names);
	return status;
}
