/* Project root and .toolbox discovery by walking up from the cwd. */
#include "project.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fmt.h"

/* Whether dir/name exists (as a regular file if want_reg) and belongs to the
 * caller or root; its path is left in path (PATH_MAX bytes). A marker that
 * another user put in a shared ancestor (/tmp/.toolbox) must not make that
 * whole directory the project, nor choose its versions. */
static int has(const char *dir, const char *name, int want_reg, int any_owner,
	       char *path)
{
	struct stat st;

	if (fmt(path, PATH_MAX, "%s/%s", strcmp(dir, "/") ? dir : "", name) >=
	    PATH_MAX)
		return 0;
	if (stat(path, &st) < 0 ||
	    (!any_owner && st.st_uid != getuid() && st.st_uid != 0))
		return 0;
	return !want_reg || S_ISREG(st.st_mode);
}

/* "/" and the user's home are never mounted whole as a project. */
static int too_wide(const char *dir, const char *home)
{
	struct stat a, b;

	if (!strcmp(dir, "/"))
		return 1;
	if (!home || stat(home, &a) < 0 || stat(dir, &b) < 0)
		return 0;
	return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static void parent(char *dir)
{
	char *slash = strrchr(dir, '/');

	if (slash == dir)
		dir[1] = '\0';
	else if (slash)
		*slash = '\0';
}

int project_find(const char *home, struct project *p, struct tbx_err *e)
{
	return project_find_in(home, 0, p, e);
}

int project_find_in(const char *home, int any_owner, struct project *p,
		    struct tbx_err *e)
{
	char dir[PATH_MAX], scratch[PATH_MAX];
	char tb_dir[PATH_MAX] = "", git_dir[PATH_MAX] = "";

	if (!getcwd(p->cwd, sizeof(p->cwd)))
		return err_sys(e, TBX_EXIT_FAIL,
			       "cannot determine the current directory");
	if (!strcmp(p->cwd, "/"))
		return err_set(
			e, TBX_EXIT_FAIL,
			"refusing to mount / as the project; run it from a project directory");
	strcpy(dir, p->cwd);
	for (;;) {
		if (has(dir, ".toolbox", 1, any_owner, p->toolbox)) {
			strcpy(tb_dir, dir);
			break;
		}
		p->toolbox[0] = '\0';
		if (!git_dir[0] && has(dir, ".git", 0, any_owner, scratch))
			strcpy(git_dir, dir);
		if (!strcmp(dir, "/"))
			break;
		parent(dir);
	}
	if (tb_dir[0] && !too_wide(tb_dir, home))
		strcpy(p->root, tb_dir);
	else if (git_dir[0] && !too_wide(git_dir, home))
		strcpy(p->root, git_dir);
	else
		strcpy(p->root, p->cwd);
	return 0;
}
