/* tbx init, tbx add, tbx remove: editing the project's .toolbox. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "cmds.h"
#include "base/inifile.h"
#include "base/mkdirs.h"
#include "pins.h"
#include "base/project.h"
#include "tbedit.h"
#include "base/toolbox.h"
#include "base/trust.h"
#include "util.h"

static const char starter[] =
	"# .toolbox: the tools this project runs through tbx, and their versions.\n"
	"# Commit it. 'tbx lock' pins each version to an image digest in\n"
	"# .toolbox.lock beside it: commit that too.\n"
	"#\n"
	"# A version is exact (1.22.5), partial (1.22: the newest 1.22.x when\n"
	"# locked) or any tag of the image (latest). 'tbx catalog' lists the\n"
	"# tools; 'tbx add <tool>[@version]' and 'tbx remove <tool>' edit this file.\n"
	"\n"
	"[tools]\n";

/* Apply "tool[@version]" to *text: the tool must be in the catalog; the
 * version defaults to the catalog's. The line to print once the file is
 * written goes to done. */
static int add_one(char **text, const char *arg, struct strv *done,
		   struct tbx_err *e)
{
	const char *at = strchr(arg, '@'), *version, *why;
	char *name = at ? xfmt("%.*s", (int)(at - arg), arg) : xstrdup(arg);
	struct tool *t = NULL;
	char *edited;
	int r = -1;

	if (catalog_find(name, &t, e) < 0)
		goto out;
	version = at ? at + 1 : t->version;
	why = version_invalid(version);
	if (why) {
		err_set(e, TBX_EXIT_FAIL, "version '%s' for '%s' %s", version,
			name, why);
		goto out;
	}
	edited = tbedit_set(*text, name, version);
	free(*text);
	*text = edited;
	strv_push(done, xfmt("%s = %s", name, version));
	r = 0;
out:
	tool_free(t);
	free(name);
	return r;
}

/* Read a .toolbox that must parse, for editing: never through a link (a
 * repository's .toolbox may point at any file of the user's, whose text
 * an edit would copy into the project), never one tbx could not replace
 * (its mode in *mode). */
static int load(const char *path, char **text, unsigned *mode,
		struct tbx_err *e)
{
	struct pins pins;
	size_t len;

	if (file_replaceable(path, mode, e) < 0)
		return -1;
	if (read_file_nofollow(path, INI_MAX_SIZE, text, &len) < 0)
		return errno == ELOOP	? file_replaceable(path, mode, e)
		       : errno == EFBIG ? err_set(e, TBX_EXIT_FAIL,
						  "%s: larger than %d bytes",
						  path, INI_MAX_SIZE)
					: err_sys(e, TBX_EXIT_FAIL,
						  "cannot read %s", path);
	if (memchr(*text, '\0', len) || pins_parse(*text, path, &pins, e) < 0) {
		if (memchr(*text, '\0', len))
			err_set(e, TBX_EXIT_FAIL, "%s: contains a NUL byte",
				path);
		free(*text);
		*text = NULL;
		return -1;
	}
	pins_free(&pins);
	return 0;
}

/* The .toolbox edited: the nearest one, or a new one in the cwd. */
static int toolbox_path(char *path, int *exists, struct tbx_err *e)
{
	struct project p;

	if (project_find(getenv("HOME"), &p, e) < 0)
		return -1;
	*exists = p.toolbox[0] != '\0';
	if (*exists)
		strcpy(path, p.toolbox);
	else if (snprintf(path, PATH_MAX, "%s/.toolbox", p.cwd) >= PATH_MAX)
		return err_set(e, TBX_EXIT_FAIL, "path too long");
	return 0;
}

/* Write the edited text and only then say what changed. */
static int save(const char *verb, const char *path, const char *text,
		unsigned mode, const struct strv *done, int untrusted,
		const char *what, struct tbx_err *e)
{
	if (write_atomic(path, text, strlen(text), mode, e) < 0)
		return -1;
	for (size_t i = 0; i < done->n; i++)
		printf("%s\n", done->v[i]);
	if (untrusted)
		fprintf(stderr,
			"tbx: %s: warning: %s changed, so it is no longer trusted; read it and run 'tbx trust'\n",
			verb, path);
	printf("%s %s\n", what, path);
	return 0;
}

static const char global_starter[] =
	"# The user's own tool versions for tbx, where no project pins them,\n"
	"# and a [tool.<name>] warm of the user's own. 'tbx use -g' edits it.\n"
	"\n"
	"[tools]\n";

/* Edit the file at file (the user's global file when global), or the
 * nearest .toolbox (a new one in the cwd) when file is NULL. */
static int edit(const char *verb, int argc, char **argv, int adding,
		const char *file, int global)
{
	char path[PATH_MAX], *text = NULL, *edited, *dir;
	struct strv done = {0};
	struct tbx_err e;
	unsigned mode = 0644;
	int exists, status = TBX_EXIT_FAIL, untrusted = 0;

	if (file) {
		/* the user's own file: through a dotfiles link, the file */
		if (!realpath(file, path))
			snprintf(path, sizeof(path), "%s", file);
		exists = access(path, F_OK) == 0;
		dir = xfmt("%.*s", (int)(strrchr(path, '/') - path), path);
		if (!exists && mkdirs(dir, 0755, &e) < 0) {
			free(dir);
			goto fail;
		}
		free(dir);
	} else if (toolbox_path(path, &exists, &e) < 0)
		goto fail;
	if (!exists && !adding) {
		err_set(&e, TBX_EXIT_FAIL, "no .toolbox here or above");
		goto fail;
	}
	if (!exists && file_replaceable(path, NULL, &e) < 0)
		goto fail; /* a link, a directory named .toolbox */
	if (!exists)
		text = xstrdup(global ? global_starter : starter);
	else if (load(path, &text, &mode, &e) < 0)
		goto fail;
	else if (!global && (untrusted = trust_check(path, text, &e)) < 0)
		goto fail;
	for (int i = 0; i < argc; i++) {
		if (adding) {
			if (add_one(&text, argv[i], &done, &e) < 0)
				goto fail;
			continue;
		}
		edited = tbedit_remove(text, argv[i]);
		if (!edited) {
			err_set(&e, TBX_EXIT_FAIL, "'%s' is not in %s", argv[i],
				path);
			goto fail;
		}
		free(text);
		text = edited;
	}
	if (save(verb, path, text, mode, &done, untrusted,
		 exists ? "updated" : "created", &e) < 0)
		goto fail;
	status = 0;
	goto out;
fail:
	status = cmd_fail(verb, &e);
out:
	strv_free(&done);
	free(text);
	return status;
}

int cmd_add(int argc, char **argv)
{
	if (argc < 1 || argv[0][0] == '-')
		return cmd_usage("add");
	return edit("add", argc, argv, 1, NULL, 0);
}

int project_pin(const char *verb, int argc, char **argv, const char *file,
		int global)
{
	return edit(verb, argc, argv, 1, file, global);
}

int cmd_remove(int argc, char **argv)
{
	if (argc < 1 || argv[0][0] == '-')
		return cmd_usage("remove");
	return edit("remove", argc, argv, 0, NULL, 0);
}

int cmd_init(int argc, char **argv)
{
	char path[PATH_MAX], cwd[PATH_MAX], *text;
	struct strv done = {0};
	struct tbx_err e;
	struct stat st;
	int status = 0;

	if (argc && argv[0][0] == '-')
		return cmd_usage("init");
	if (!getcwd(cwd, sizeof(cwd)) ||
	    snprintf(path, sizeof(path), "%s/.toolbox", cwd) >= PATH_MAX) {
		err_set(&e, TBX_EXIT_FAIL,
			"cannot determine the current directory");
		return cmd_fail("init", &e);
	}
	if (file_replaceable(path, NULL, &e) < 0)
		return cmd_fail("init", &e);
	if (lstat(path, &st) == 0) {
		err_set(&e, TBX_EXIT_FAIL,
			"%s exists (edit it with 'tbx add' and 'tbx remove')",
			path);
		return cmd_fail("init", &e);
	}
	text = xstrdup(starter);
	for (int i = 0; i < argc && !status; i++)
		if (add_one(&text, argv[i], &done, &e) < 0)
			status = cmd_fail("init", &e);
	if (!status &&
	    save("init", path, text, 0644, &done, 0, "created", &e) < 0)
		status = cmd_fail("init", &e);
	strv_free(&done);
	free(text);
	return status;
}
