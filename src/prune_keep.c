/* The images and tool directories in use, found as the shims would find
 * them: each tool planned from each place 'tbx prune' knows, and the
 * locks of the projects there, which may serve pins of directories below
 * (a service's .nvmrc). */
#include "prune_keep.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "active.h"
#include "base/project.h"
#include "base/ref.h"
#include "base/state.h"
#include "pins.h"

int keep_norm(const char *s, int repo_only, char *out)
{
	char why_buf[REF_NAME_MAX + 64];
	const char *why;
	struct ref r;

	if (ref_parse(s, &r, why_buf, sizeof(why_buf), &why) < 0)
		return -1;
	if (repo_only)
		r.tag[0] = r.digest[0] = '\0';
	return ref_format(&r, out, PATH_MAX);
}

static void add_once(struct strv *sv, const char *s)
{
	if (!strv_has(sv, s))
		strv_push(sv, xstrdup(s));
}

static void add_ref(struct strv *sv, const char *s, int repo_only)
{
	char norm[PATH_MAX];

	if (keep_norm(s, repo_only, norm) == 0)
		add_once(sv, norm);
}

/* A directory, or what may be one that cannot be looked at now (a parent
 * not searchable, a disk not mounted): only one that is surely gone is
 * not, and is forgotten. */
static int is_place(const char *dir)
{
	struct stat st;

	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode);
	return errno != ENOENT && errno != ENOTDIR;
}

static void add_place(struct keep *k, const char *dir)
{
	if (dir && dir[0] == '/' && is_place(dir))
		add_once(&k->places, dir);
}

/* The places noted, in order, once each, those that are gone left out;
 * *lines the file's lines, *theirs whether another user owns it (sudo
 * with the user's HOME): read, as it can only keep more, never
 * rewritten. */
static int noted_places(struct strv *out, size_t *lines, int *theirs,
			struct tbx_err *e)
{
	char path[PATH_MAX], *text = NULL;
	struct stat st;
	size_t len;

	*lines = 0;
	*theirs = 0;
	if (state_path("projects", path, e) < 0)
		return -1;
	if (read_file_nofollow(path, PROJECTS_FILE_MAX, &text, &len) < 0)
		return errno == ENOENT
			       ? 0
			       : err_set(e, TBX_EXIT_FAIL,
					 "cannot read %s: %s; remove it (tbx notes its projects there again)",
					 path, strerror(errno));
	*theirs = lstat(path, &st) == 0 && st.st_uid != geteuid();
	for (char *line = strtok(text, "\n"); line;
	     line = strtok(NULL, "\n"), (*lines)++)
		if (line[0] == '/' && is_place(line) && !strv_has(out, line))
			strv_push(out, xstrdup(line));
	free(text);
	return 0;
}

static int read_places(struct keep *k, struct tbx_err *e)
{
	char cwd[PATH_MAX];
	size_t lines;
	int theirs;

	if (noted_places(&k->places, &lines, &theirs, e) < 0)
		return -1;
	if (getcwd(cwd, sizeof(cwd)))
		add_place(k, cwd);
	add_place(k, getenv("HOME"));
	return 0;
}

/* The catalog's tools and the shims' (a shim may outlive its entry). */
static void tool_names(struct keep *k, const struct shim_set *set,
		       struct strv *names)
{
	struct tool *t;
	struct tbx_err e;

	catalog_names(names);
	for (size_t i = 0; i < names->n; i++)
		if (catalog_find(names->v[i], &t, &e) == 0) {
			add_ref(&k->repos, t->image, 1);
			tool_free(t);
		}
	for (size_t i = 0; i < set->n; i++) {
		if (!strv_has(names, set->v[i].shim.spec.tool))
			strv_push(names, xstrdup(set->v[i].shim.spec.tool));
		add_once(&k->tools, set->v[i].shim.spec.tool);
		add_ref(&k->repos, set->v[i].shim.spec.image, 1);
	}
}

static void from_lock(struct keep *k)
{
	struct project p;
	struct lockset ls = {0};
	char path[PATH_MAX];
	struct tbx_err e;

	if (project_find(getenv("HOME"), &p, &e) < 0 ||
	    project_lock_path(&p, path) < 0 ||
	    lockset_read(path, &ls, &e) < 0) {
		lockset_free(&ls);
		return; /* a plan that reads the lock says so */
	}
	for (size_t i = 0; i < ls.n; i++) {
		char *ref =
			xfmt("%s@%s", ls.v[i].e.repository, ls.v[i].e.digest);

		add_ref(&k->refs, ref, 0);
		free(ref);
	}
	lockset_free(&ls);
}

/* The repository of a tool whose plan failed: its shims', else the
 * catalog's. */
static void add_repo_of(struct keep *k, const struct shim_set *set,
			const char *tool)
{
	const struct shim_entry *en = shimdir_tool(set, tool);
	struct tool *t;
	struct tbx_err e;

	if (en)
		add_ref(&k->unsure_repos, en->shim.spec.image, 1);
	if (catalog_find(tool, &t, &e) == 0) {
		add_ref(&k->unsure_repos, t->image, 1);
		tool_free(t);
	}
}

/* A tool whose version cannot be known from some place: its images and
 * its directory stay, and the user is told once (why NULL: already). */
static void unsure(struct keep *k, const struct shim_set *set, const char *tool,
		   const char *why)
{
	if (strv_has(&k->unsure, tool))
		return;
	strv_push(&k->unsure, xstrdup(tool));
	add_once(&k->tools, tool);
	add_repo_of(k, set, tool);
	if (why)
		fprintf(stderr,
			"tbx: prune: warning: %s: %s; every image of %s and its directory are kept\n",
			tool, why, tool);
}

static void from_place(struct keep *k, const struct shim_set *set,
		       const char *shims_dir, const struct strv *names)
{
	struct tbx_err e;

	from_lock(k);
	for (size_t i = 0; i < names->n; i++) {
		const char *tool = names->v[i];
		struct active *a = active_plan(tool, set, shims_dir, &e);

		if (!a) {
			unsure(k, set, tool, e.msg);
			continue;
		}
		if (a->plan.version_from != PLAN_FROM_CATALOG ||
		    shimdir_tool(set, tool)) {
			add_ref(&k->refs, a->plan.image_ref, 0);
			add_once(&k->tools, tool);
		}
		active_free(a);
	}
}

/* TBX_<TOOL>_VERSION wins over every file, so planning each place with
 * this process's would keep its version alone: its image is kept, and the
 * places are planned without it. */
static void from_env(struct keep *k, const struct shim_set *set,
		     const char *shims_dir, const struct strv *names)
{
	char var[128];
	struct tbx_err e;

	for (size_t i = 0; i < names->n; i++) {
		const char *env;
		struct active *a;

		plan_version_var(names->v[i], var, sizeof(var));
		env = getenv(var);
		if (!env || !*env)
			continue;
		a = active_plan(names->v[i], set, shims_dir, &e);
		if (a)
			add_ref(&k->refs, a->plan.image_ref, 0);
		active_free(a);
		unsetenv(var);
	}
}

int keep_collect(struct keep *k, const struct shim_set *set,
		 const char *shims_dir, struct tbx_err *e)
{
	struct strv names = {0};
	int back = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC), r = 0;

	memset(k, 0, sizeof(*k));
	if (back < 0)
		return err_sys(
			e, TBX_EXIT_FAIL,
			"cannot open the cwd (run tbx from a directory you may read)");
	if (read_places(k, e) < 0)
		r = -1;
	else
		tool_names(k, set, &names);
	if (r == 0)
		from_env(k, set, shims_dir, &names);
	for (size_t i = 0; r == 0 && i < k->places.n; i++) {
		char path[PATH_MAX];

		if (chdir(k->places.v[i]) == 0) {
			from_place(k, set, shims_dir, &names);
			continue;
		}
		if (state_path("projects", path, e) < 0)
			path[0] = '\0';
		fprintf(stderr,
			"tbx: prune: warning: cannot enter %s: %s; every image and tool directory is kept (take its line out of %s to forget it)\n",
			k->places.v[i], strerror(errno), path);
		for (size_t j = 0; j < names.n; j++)
			unsure(k, set, names.v[j], NULL);
	}
	if (fchdir(back) < 0 && r == 0)
		r = err_sys(e, TBX_EXIT_FAIL,
			    "cannot return to the cwd (was it removed?)");
	close(back);
	strv_free(&names);
	return r;
}

int keep_write_places(struct tbx_err *e)
{
	struct strv places = {0};
	char path[PATH_MAX], *text, *more;
	size_t lines;
	int r, theirs;

	/* read again: a place noted while prune ran is kept */
	if (noted_places(&places, &lines, &theirs, e) < 0 ||
	    state_path("projects", path, e) < 0) {
		strv_free(&places);
		return -1;
	}
	if (lines == places.n || theirs) {
		strv_free(&places);
		return 0;
	}
	text = xstrdup("");
	for (size_t i = 0; i < places.n; i++) {
		more = xfmt("%s%s\n", text, places.v[i]);
		free(text);
		text = more;
	}
	r = write_atomic(path, text, strlen(text), 0600, e);
	free(text);
	strv_free(&places);
	return r;
}

void keep_free(struct keep *k)
{
	strv_free(&k->places);
	strv_free(&k->repos);
	strv_free(&k->refs);
	strv_free(&k->tools);
	strv_free(&k->unsure);
	strv_free(&k->unsure_repos);
}
