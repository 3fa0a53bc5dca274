/* What a tool sees: the project root by its rules, and the paths an
 * argument names. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "argpaths.h"
#include "base/project.h"
#include "gitargs.h"
#include "gitglobal.h"
#include "unit.h"

UNIT_TEST(test_reach_normalize)
{
	static const struct {
		const char *cwd, *path, *out;
	} rows[] = {
		{"/a/b", "../c", "/a/c"}, {"/a/b", "/x/./y/", "/x/y"},
		{"/a", "../../..", "/"},  {"/a/b", "c/../../d", "/a/d"},
		{"/", "x", "/x"},	  {"/a", "//x//y", "/x/y"},
		{"/a/b", "..", "/a"},
	};
	static const struct {
		const char *path;
		int image;
	} dirs[] = {
		{"/usr/include", 1}, {"/etc", 1},	 {"/var/lib/x", 1},
		{"/var/tmp/x", 0},   {"/home/u/usr", 0}, {"/srv/data", 0},
		{"/usrx", 0},	     {"/tmp/x", 0},	 {"/opt/tool", 1},
	};
	char out[PATH_MAX];

	for (size_t i = 0; i < ROWS(rows); i++)
		CHECK(argpaths_normalize(rows[i].cwd, rows[i].path, out) == 0 &&
			      !strcmp(out, rows[i].out),
		      "%s + %s: %s", rows[i].cwd, rows[i].path, out);
	for (size_t i = 0; i < ROWS(dirs); i++)
		CHECK(argpaths_image_dir(dirs[i].path) == dirs[i].image,
		      "%s the image's: %d", dirs[i].path, !dirs[i].image);
}

static void make(const char *top, const char *path, const char *text)
{
	char full[PATH_MAX];
	FILE *f;

	snprintf(full, sizeof(full), "%s/%s", top, path);
	if (!text) {
		mkdir(full, 0700);
		return;
	}
	if ((f = fopen(full, "w"))) {
		fputs(text, f);
		fclose(f);
	}
}

UNIT_TEST(test_reach_project)
{
	static const struct {
		const char *cwd, *root, *toolbox, *gitdir;
	} rows[] = {
		/* a service of a monorepo: the repository, its pins */
		{"mono/svc", "mono", "mono/svc/.toolbox", ""},
		/* a .toolbox above two repositories: pins, not a mount */
		{"src/a", "src/a", "src/.toolbox", ""},
		{"src/b/sub", "src/b", "src/.toolbox", ""},
		{"src", "src", "src/.toolbox", ""},
		{"src/plain", "src", "src/.toolbox", ""},
		/* a linked worktree brings its main git directory */
		{"wt", "wt", "", "main/.git"},
		/* a .git file naming what is no worktree of it brings nothing
		 */
		{"evil", "evil", "", ""},
		{"forged", "forged", "", ""},
		/* $HOME and above: no project */
		{".", "", "", ""},
		{"..", "", "", ""},
		/* a stranger's link to the caller's own marker */
		{"shared/x", "shared/x", "", ""},
	};
	char top[64] = "/tmp/tbx-unit.XXXXXX", old[PATH_MAX], want[PATH_MAX];
	char link[PATH_MAX], target[PATH_MAX];
	struct tbx_err e = {0, 0, ""};
	struct project p;

	if (!getcwd(old, sizeof(old)) || !mkdtemp(top))
		return;
	make(top, "h", NULL);
	static const char *const dirs[] = {
		"h/mono",
		"h/mono/.git",
		"h/mono/svc",
		"h/src",
		"h/src/a",
		"h/src/a/.git",
		"h/src/b",
		"h/src/b/.git",
		"h/src/b/sub",
		"h/src/plain",
		"h/main",
		"h/main/.git",
		"h/main/.git/worktrees",
		"h/main/.git/worktrees/wt",
		"h/wt",
		"h/shared",
		"h/shared/x",
		"h/main/.git/objects",
		"h/main/.git/refs",
		"h/evil",
		"h/forged",
		"h/.ssh",
	};
	for (size_t i = 0; i < ROWS(dirs); i++)
		make(top, dirs[i], NULL);
	make(top, "h/mono/svc/.toolbox", "");
	make(top, "h/src/.toolbox", "");
	make(top, "h/main/.git/worktrees/wt/commondir", "../..\n");
	snprintf(want, sizeof(want), "gitdir: %s/h/main/.git/worktrees/wt\n",
		 top);
	make(top, "h/wt/.git", want);
	make(top, "h/main/.git/HEAD", "ref: refs/heads/main\n");
	snprintf(want, sizeof(want), "%s/h/wt/.git\n", top);
	make(top, "h/main/.git/worktrees/wt/gitdir", want);
	/* written by a tool in the project: any directory of the caller's */
	snprintf(want, sizeof(want), "gitdir: %s/h/.ssh\n", top);
	make(top, "h/evil/.git", want);
	/* the worktree's own git directory, but it names another back */
	snprintf(want, sizeof(want), "gitdir: %s/h/main/.git/worktrees/wt\n",
		 top);
	make(top, "h/forged/.git", want);
	make(top, "h/own.toolbox", "");
	snprintf(link, sizeof(link), "%s/h/shared/.toolbox", top);
	snprintf(target, sizeof(target), "%s/h/own.toolbox", top);
	if (symlink(target, link) < 0 ||
	    (getuid() == 0 && lchown(link, 4242, 4242) < 0))
		CHECK(0, "cannot make the stranger's link");
	snprintf(want, sizeof(want), "%s/h", top);
	setenv("HOME", want, 1);
	for (size_t i = 0; i < ROWS(rows); i++) {
		char cwd[PATH_MAX], root[PATH_MAX], tb[PATH_MAX], gd[PATH_MAX];

		/* a non-root caller cannot give a link to another */
		if (getuid() != 0 && !strncmp(rows[i].cwd, "shared", 6))
			continue;
		snprintf(cwd, sizeof(cwd), "%s/h/%s", top, rows[i].cwd);
		snprintf(root, sizeof(root), "%s%s%s", *rows[i].root ? top : "",
			 *rows[i].root ? "/h/" : "", rows[i].root);
		snprintf(tb, sizeof(tb), "%s%s%s", *rows[i].toolbox ? top : "",
			 *rows[i].toolbox ? "/h/" : "", rows[i].toolbox);
		snprintf(gd, sizeof(gd), "%s%s%s", *rows[i].gitdir ? top : "",
			 *rows[i].gitdir ? "/h/" : "", rows[i].gitdir);
		if (chdir(cwd) < 0 || realpath(".", cwd) == NULL) {
			CHECK(0, "cannot enter %s", cwd);
			continue;
		}
		CHECK(project_find(getenv("HOME"), &p, &e) == 0 &&
			      !strcmp(p.root, root) && !strcmp(p.toolbox, tb) &&
			      !strcmp(p.gitdir, gd),
		      "from %s: root '%s' toolbox '%s' gitdir '%s' (%s)",
		      rows[i].cwd, p.root, p.toolbox, p.gitdir, e.msg);
	}
	if (chdir(old) < 0)
		return;
	snprintf(want, sizeof(want), "rm -rf '%s'", top);
	if (system(want) != 0)
		CHECK(0, "cannot remove %s", top);
}

UNIT_TEST(test_reach_git_global)
{
	static const struct {
		const char *args;
		int asked;
	} rows[] = {
		{"config --global user.name x", 1},
		{"config user.name x", 0},
		{"-C /r -c a.b=c config --global --add x.y z", 1},
		{"--git-dir /r/.git config --global x.y", 1},
		{"-c config --global", 0},
		{"config set --global x.y z", 1},
		{"config --global --edit", 0},
		{"config --global -e", 0},
		{"config edit --global", 0},
		{"config --global alias.e edit", 1},
		{"config -- --global", 0},
		{"commit -m config --global", 0},
		{"", 0},
	};

	for (size_t i = 0; i < ROWS(rows); i++) {
		char buf[256], *args[16];
		int n = unit_words(rows[i].args, buf, sizeof(buf), args, 16);

		CHECK(gitglobal_asked(args, n) == rows[i].asked, "%s: %d",
		      rows[i].args, !rows[i].asked);
	}
}

UNIT_TEST(test_reach_git_push)
{
	static const struct {
		const char *args;
		int push;
	} rows[] = {
		{"push", 1},
		{"-C /r -c a=b push origin", 1},
		{"--git-dir /r/.git push", 1},
		{"commit -m push", 0},
		{"-c push", 0},
		{"p -u origin", 1},
		{"sh", 1},
		{"st", 0},
		{"pu", 0},
		{"", 0},
	};
	char dir[] = "/tmp/tbx-unit.XXXXXX", path[512];
	const char *was = getenv("HOME");
	char *home = was ? strdup(was) : NULL;
	FILE *f;

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/.gitconfig", dir);
	f = fopen(path, "w");
	if (f) {
		fputs("[alias]\n\tp = push -u\n\tsh = \"!f() { git push; }; f\"\n"
		      "\tst = status\n\tpu = pull\n",
		      f);
		fclose(f);
	}
	setenv("HOME", dir, 1);
	for (size_t i = 0; i < ROWS(rows); i++) {
		char buf[256], *args[16];
		int n = unit_words(rows[i].args, buf, sizeof(buf), args, 16);

		CHECK(gitargs_runs(args, n, "push") == rows[i].push, "%s: %d",
		      rows[i].args, !rows[i].push);
	}
	unlink(path);
	rmdir(dir);
	if (home)
		setenv("HOME", home, 1);
	free(home);
}

/* One git config --global call on dir/home/.gitconfig holding "old":
 * what the tool leaves as its copy (fn), then the status the shim ends
 * with and what the file holds after. */
static int global_call(const char *dir, void (*fn)(const char *copy),
		       char *after, size_t size)
{
	static struct plan p;
	char file[512], copy[600], tool[512];
	int saved = dup(2), null = open("/dev/null", O_WRONLY), st;
	FILE *f;

	memset(&p, 0, sizeof(p));
	snprintf(file, sizeof(file), "%s/home/.gitconfig", dir);
	snprintf(tool, sizeof(tool), "%s/cache", dir);
	f = fopen(file, "w");
	if (f) {
		fputs("old\n", f);
		fclose(f);
	}
	p.spec.tool = "git";
	p.global_file = file;
	p.tool_dir = tool;
	p.global_dir = arena_printf(&p.arena, "%s/global/1", tool);
	snprintf(copy, sizeof(copy), "%s/config", p.global_dir);
	if (gitglobal_begin(&p, &(struct tbx_err){0, 0, ""}) < 0)
		return -1;
	fn(copy);
	dup2(null, 2);
	st = gitglobal_end(&p, 0);
	dup2(saved, 2);
	close(saved);
	close(null);
	f = fopen(file, "r");
	after[0] = '\0';
	if (f) {
		if (!fgets(after, (int)size, f))
			after[0] = '\0';
		fclose(f);
	}
	arena_free(&p.arena);
	return st;
}

static void changed(const char *copy)
{
	FILE *f = fopen(copy, "w");

	if (f) {
		fputs("new\n", f);
		fclose(f);
	}
}

static void fifo(const char *copy)
{
	unlink(copy);
	mkfifo(copy, 0600);
}

static void linked(const char *copy)
{
	unlink(copy);
	symlink("/etc/hostname", copy);
}

static void hard_linked(const char *copy)
{
	char other[700];

	changed(copy);
	snprintf(other, sizeof(other), "%s.other", copy);
	link(copy, other);
}

static void removed(const char *copy)
{
	unlink(copy);
}

UNIT_TEST(test_reach_git_global_end)
{
	static const struct {
		const char *what;
		void (*fn)(const char *copy);
		int status;
		const char *after;
	} rows[] = {
		{"changed", changed, 0, "new\n"},
		{"a FIFO", fifo, GITGLOBAL_CANNOT_WRITE, "old\n"},
		{"a link", linked, GITGLOBAL_CANNOT_WRITE, "old\n"},
		{"two links", hard_linked, GITGLOBAL_CANNOT_WRITE, "old\n"},
		{"removed", removed, 0, "old\n"},
	};

	for (size_t i = 0; i < ROWS(rows); i++) {
		char dir[] = "/tmp/tbx-unit.XXXXXX", path[600], after[64];
		int st;

		if (!mkdtemp(dir)) {
			CHECK(0, "mkdtemp");
			return;
		}
		snprintf(path, sizeof(path), "%s/home", dir);
		mkdir(path, 0700);
		st = global_call(dir, rows[i].fn, after, sizeof(after));
		CHECK(st == rows[i].status && !strcmp(after, rows[i].after),
		      "%s: status %d, the file holds %s", rows[i].what, st,
		      after);
		snprintf(path, sizeof(path), "rm -rf '%s'", dir);
		CHECK(system(path) == 0, "cleanup");
	}
}
