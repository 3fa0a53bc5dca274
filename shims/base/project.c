/* Project root and .toolbox discovery by walking up from the cwd. */
#include "project.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fmt.h"
#include "path.h"

static int mine(const struct stat *st)
{
	return st->st_uid == getuid() || st->st_uid == 0;
}

int project_has(const char *dir, const char *name, int want_reg, int any_owner,
		char *path)
{
	struct stat link, st;

	if (fmt(path, PATH_MAX, "%s/%s", strcmp(dir, "/") ? dir : "", name) >=
	    PATH_MAX)
		return 0;
	if (lstat(path, &link) < 0 || stat(path, &st) < 0 ||
	    (!any_owner && (!mine(&link) || !mine(&st))))
		return 0;
	return !want_reg || S_ISREG(st.st_mode);
}

/* "/", the user's home and what lies above it are never mounted whole as
 * a project. */
static int too_wide(const char *dir, const char *home)
{
	char real[PATH_MAX];

	if (!strcmp(dir, "/"))
		return 1;
	return home && realpath(home, real) && path_within(real, dir);
}

void project_parent(char *dir)
{
	char *slash = strrchr(dir, '/');

	if (slash == dir)
		dir[1] = '\0';
	else if (slash)
		*slash = '\0';
}

/* The first line of file, without its newline, into out. */
static int first_line(const char *file, char *out, size_t size)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, out, size - 1);
	close(fd);
	if (n <= 0)
		return -1;
	out[n] = '\0';
	out[strcspn(out, "\n")] = '\0';
	return 0;
}

int project_git_shaped(const char *dir)
{
	static const char *const parts[] = {"HEAD", "objects", "refs"};
	char path[PATH_MAX];
	struct stat st;

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (fmt(path, sizeof(path), "%s/%s", dir, parts[i]) >=
			    (int)sizeof(path) ||
		    lstat(path, &st) < 0 ||
		    (i ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode)))
			return 0;
	return 1;
}

/* The path a file's first line names, relative to dir, resolved. */
static int named_path(const char *file, const char *prefix, const char *dir,
		      char *out)
{
	char line[PATH_MAX + 16], path[PATH_MAX];
	size_t n = strlen(prefix);

	if (first_line(file, line, sizeof(line)) < 0 ||
	    strncmp(line, prefix, n))
		return -1;
	if (fmt(path, sizeof(path), "%s%s%s", line[n] == '/' ? "" : dir,
		line[n] == '/' ? "" : "/", line + n) >= (int)sizeof(path) ||
	    !realpath(path, out))
		return -1;
	return 0;
}

/* What git needs beside the work tree at dir when its .git is a file:
 * for a linked worktree, the main repository's git directory, when the
 * worktree's own git directory lies in it and names dir back (as git
 * writes both); for a submodule, its git directory in an ancestor's
 * .git/modules. "" for anything else: a .git file the project's tools
 * can write must not choose a directory to mount. */
static void git_dir_of(const char *dir, int any_owner, char *out)
{
	char file[PATH_MAX], own[PATH_MAX], back[PATH_MAX];
	const char *modules;
	struct stat st;

	out[0] = '\0';
	if (fmt(file, sizeof(file), "%s/.git", dir) >= (int)sizeof(file) ||
	    lstat(file, &st) < 0 || !S_ISREG(st.st_mode) ||
	    named_path(file, "gitdir: ", dir, own) < 0)
		return;
	if (fmt(back, sizeof(back), "%s/commondir", own) < (int)sizeof(back) &&
	    named_path(back, "", own, out) == 0) {
		if (fmt(back, sizeof(back), "%s/gitdir", own) >=
			    (int)sizeof(back) ||
		    named_path(back, "", own, back) < 0 || strcmp(back, file) ||
		    !path_within(own, out) || !project_git_shaped(out))
			out[0] = '\0';
	} else {
		modules = strstr(own, "/.git/modules/");
		if (modules && project_git_shaped(own) &&
		    fmt(back, sizeof(back), "%.*s", (int)(modules - own), own) <
			    (int)sizeof(back) &&
		    path_within(dir, back))
			strcpy(out, own);
	}
	if (out[0] && (stat(out, &st) < 0 || (!any_owner && !mine(&st))))
		out[0] = '\0';
}

int project_lock_path(const struct project *p, char *out)
{
	if (p->toolbox[0] && path_within(p->toolbox, p->root))
		return fmt(out, PATH_MAX, "%s.lock", p->toolbox) < PATH_MAX
			       ? 0
			       : -1;
	return p->root[0] && fmt(out, PATH_MAX, "%s/.toolbox.lock", p->root) <
				       PATH_MAX
		       ? 0
		       : -1;
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
	p->toolbox[0] = p->gitdir[0] = p->root[0] = '\0';
	strcpy(dir, p->cwd);
	for (;;) {
		if (!tb_dir[0] &&
		    project_has(dir, ".toolbox", 1, any_owner, scratch)) {
			strcpy(tb_dir, dir);
			strcpy(p->toolbox, scratch);
		}
		if (!git_dir[0] &&
		    project_has(dir, ".git", 0, any_owner, scratch))
			strcpy(git_dir, dir);
		if ((tb_dir[0] && git_dir[0]) || !strcmp(dir, "/"))
			break;
		project_parent(dir);
	}
	if (git_dir[0] && !too_wide(git_dir, home)) {
		strcpy(p->root, git_dir);
		git_dir_of(git_dir, any_owner, p->gitdir);
		if (path_within(p->gitdir, p->root) ||
		    too_wide(p->gitdir, home))
			p->gitdir[0] = '\0';
	} else if (tb_dir[0] && !too_wide(tb_dir, home) &&
		   !(git_dir[0] && path_within(git_dir, tb_dir)))
		strcpy(p->root, tb_dir);
	else if (!too_wide(p->cwd, home))
		strcpy(p->root, p->cwd);
	return 0;
}
