/* The temporary directories and the paths the user names. */
#include "argpaths.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/fmt.h"
#include "base/hostmount.h"
#include "base/inifile.h"
#include "base/path.h"
#include "base/project.h"
#include "gitargs.h"
#include "mountset.h"

int argpaths_image_dir(const char *path)
{
	static const char *const dirs[] = {
		"/bin",	  "/boot",  "/dev",    "/etc", "/lib",
		"/lib32", "/lib64", "/libx32", "/opt", "/proc",
		"/run",	  "/sbin",  "/sys",    "/usr",
	};

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (path_within(path, dirs[i]))
			return 1;
	return path_within(path, "/var") && !path_within(path, "/var/tmp");
}

int argpaths_normalize(const char *cwd, const char *path, char *out)
{
	char joined[PATH_MAX];
	size_t n = 0;

	if (fmt(joined, sizeof(joined), "%s/%s", path[0] == '/' ? "" : cwd,
		path) >= (int)sizeof(joined))
		return -1;
	for (const char *c = joined; *c;) {
		size_t len;

		while (*c == '/')
			c++;
		len = strcspn(c, "/");
		if (len == 0)
			break;
		if (len == 2 && !strncmp(c, "..", 2)) {
			while (n > 0 && out[--n] != '/')
				;
		} else if (!(len == 1 && c[0] == '.')) {
			out[n++] = '/';
			memcpy(out + n, c, len);
			n += len;
		}
		c += len;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	return 0;
}

static int dot_dot(const char *v)
{
	size_t n = strlen(v);

	return !strcmp(v, "..") || !strncmp(v, "../", 3) || strstr(v, "/../") ||
	       (n >= 3 && !strcmp(v + n - 3, "/.."));
}

/* The path an argument names, or NULL. */
static const char *named(const char *arg)
{
	const char *v = arg;

	if (arg[0] == '-' && arg[1] && arg[1] != '-' && arg[2] == '/')
		v = arg + 2;
	else if (arg[0] != '/' && strchr(arg, '=')) {
		size_t key = strcspn(arg, "=");

		for (size_t i = arg[0] == '-' ? 1 + (arg[1] == '-') : 0;
		     i < key; i++)
			if (!strchr("abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-",
				    arg[i]))
				return NULL;
		v = arg + key + 1;
	} else if (arg[0] == '-')
		return NULL;
	return v[0] == '/' || dot_dot(v) ? v : NULL;
}

static void parent(char *dir)
{
	char *slash = strrchr(dir, '/');

	if (slash == dir)
		dir[1] = '\0';
	else if (slash)
		*slash = '\0';
}

/* Whether dir is $HOME or lies above it, by its own path and as
 * resolved. */
static int holds_home(const char *dir, const char *real)
{
	const char *home = getenv("HOME");
	char home_real[PATH_MAX];

	return home && home[0] == '/' &&
	       (path_within(home, dir) ||
		(realpath(home, home_real) && path_within(home_real, real)));
}

/* Why the directory at lexical, real resolved, must not be mounted, or
 * NULL. */
static const char *refusal(const char *lexical, const char *real)
{
	const char *why = hostmount_refused(real);

	return why ? why : hostmount_unsayable(lexical);
}

/* Whether lexical is a directory, with st and its resolved path in real. */
static int directory(const char *lexical, struct stat *st, char *real)
{
	return stat(lexical, st) == 0 && S_ISDIR(st->st_mode) &&
	       realpath(lexical, real);
}

/* Mount the directory at lexical, real resolved, at its own path, known
 * to a kept container's key by st. */
static struct plan_mount *show(struct plan *p, const char *lexical,
			       const char *real, const struct stat *st, int ro,
			       struct tbx_err *e)
{
	mountset_stamp(p, st);
	return mountset_add(p, arena_printf(&p->arena, "%s", real),
			    arena_printf(&p->arena, "%s", lexical), ro, e);
}

/* The nearest existing directory of what arg names, mounted at its own
 * path when the container does not show it yet. */
static int one_path(struct plan *p, const char *arg, const char *v,
		    struct tbx_err *e)
{
	char lexical[PATH_MAX], real[PATH_MAX];
	struct stat st;
	const char *why;

	if (argpaths_normalize(p->project.cwd, v, lexical) < 0 ||
	    argpaths_image_dir(lexical) || mountset_shows(p, lexical))
		return 0;
	while (strcmp(lexical, "/") &&
	       (stat(lexical, &st) < 0 || !S_ISDIR(st.st_mode)))
		parent(lexical);
	if (!strcmp(lexical, "/") || mountset_shows(p, lexical) ||
	    !realpath(lexical, real))
		return 0;
	if (holds_home(lexical, real))
		return err_set(
			e, TBX_EXIT_FAIL,
			"'%s' names a path the tool could reach only with %s mounted whole, which tbx never does: create the directory it names first, or name a path in the project",
			arg, lexical);
	if ((why = refusal(lexical, real)))
		return err_set(e, TBX_EXIT_FAIL,
			       "'%s' names %s, which cannot be mounted: it %s",
			       arg, lexical, why);
	if (!show(p, lexical, real, &st, 0, e))
		return -1;
	p->named++;
	return 0;
}

/* A remote's URL that names a local path, a relative one from the root
 * (git runs from the top of the work tree). */
static const char *local_url(struct plan *p, const char *url)
{
	if (!strncmp(url, "file://", 7))
		url += 7;
	if (url[0] == '/')
		return url;
	if (!strncmp(url, "./", 2) || !strncmp(url, "../", 3))
		return arena_printf(&p->arena, "%s/%s", p->project.root, url);
	return NULL;
}

struct remotes {
	struct plan *p;
	int pushing; /* -1 until a writable remote asks */
};

/* Whether the call pushes, asked once and only for a bare remote: the
 * user's aliases are read from their git files, which most calls need
 * not open. */
static int pushing(struct remotes *r)
{
	const struct plan_request *req = r->p->req;

	if (r->pushing < 0)
		r->pushing = gitargs_runs(req->args, req->nargs, "push");
	return r->pushing;
}

static const char *on_bare(void *user, const char *section, const char *key,
			   const char *value)
{
	int *is = user;

	if (!strcasecmp(section, "core") && !strcasecmp(key, "bare"))
		*is = !strcasecmp(value, "true") || !strcasecmp(value, "yes") ||
		      !strcasecmp(value, "on") || !strcmp(value, "1");
	return NULL;
}

/* Whether the git directory dir is a bare repository, as its config says
 * (a clone's .git, or a submodule's, is not). */
static int bare(const char *dir)
{
	static char text[INI_MAX_SIZE + 2];
	char config[PATH_MAX];
	struct tbx_err ignored;
	int is = 0;

	if ((size_t)fmt(config, sizeof(config), "%s/config", dir) <
		    sizeof(config) &&
	    ini_read(config, text, sizeof(text), &ignored) == 0)
		ini_each(text, config, on_bare, &is, &ignored);
	return is;
}

/* lexical/name, read-only over a writable mount of lexical, when it is
 * there. */
static void below(struct plan *p, const char *lexical, const char *real,
		  const char *name)
{
	char src[PATH_MAX], dst[PATH_MAX];
	struct stat st;
	struct tbx_err full;

	if ((size_t)fmt(src, sizeof(src), "%s/%s", real, name) < sizeof(src) &&
	    (size_t)fmt(dst, sizeof(dst), "%s/%s", lexical, name) <
		    sizeof(dst) &&
	    lstat(src, &st) == 0 &&
	    (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)))
		show(p, dst, src, &st, 1, &full);
}

static const char *on_remote(void *user, const char *section, const char *key,
			     const char *value)
{
	struct remotes *r = user;
	struct plan *p = r->p;
	const char *path = local_url(p, value);
	char lexical[PATH_MAX], real[PATH_MAX];
	struct stat st;
	struct tbx_err full;

	if (strncmp(section, "remote ", 7) ||
	    (strcasecmp(key, "url") && strcasecmp(key, "pushurl")) || !path ||
	    argpaths_normalize("/", path, lexical) < 0 ||
	    argpaths_image_dir(lexical) || mountset_shows(p, lexical) ||
	    !directory(lexical, &st, real) || holds_home(lexical, real))
		return NULL;
	/* a clone with a work tree: its git directory alone, which git
	 * finds at <url>/.git, and read-only even to push (its hooks and
	 * config are what native git runs there) */
	int clone = !project_git_shaped(real);

	if (clone) {
		size_t n = strlen(lexical);

		if (n + sizeof("/.git") > sizeof(lexical))
			return NULL;
		memcpy(lexical + n, "/.git", sizeof("/.git"));
		if (mountset_shows(p, lexical) ||
		    !directory(lexical, &st, real) || !project_git_shaped(real))
			return NULL;
	}
	if (refusal(lexical, real))
		return NULL;
	if (clone || !bare(real) || !pushing(r)) {
		show(p, lexical, real, &st, 1, &full);
		return NULL;
	}
	/* writable to push, but not what git runs there on the host's next
	 * push: its hooks and config */
	if (show(p, lexical, real, &st, 0, &full))
		for (int i = 0; i < 2; i++)
			below(p, lexical, real, i ? "config" : "hooks");
	return NULL;
}

/* The repositories on this machine the project's remotes name (bare, or
 * a clone's git directory, read-only), at their own paths: read-only, for git
 * to fetch from, and writable only when the user's command is push (or their
 * alias for it), since the tools can write the config that names them. Never an
 * error: a remote out of reach fails as it does natively, in git's words. */
static void remotes(struct plan *p)
{
	static char text[INI_MAX_SIZE + 2];
	const struct project *pr = &p->project;
	struct remotes r = {p, -1};
	char config[PATH_MAX];
	struct tbx_err ignored;

	if (!p->spec.remotes || !pr->root[0] ||
	    fmt(config, sizeof(config), "%s%s/config",
		pr->gitdir[0] ? pr->gitdir : pr->root,
		pr->gitdir[0] ? "" : "/.git") >= (int)sizeof(config))
		return;
	if (ini_read(config, text, sizeof(text), &ignored) == 0)
		ini_each(text, config, on_remote, &r, &ignored);
}

/* The host's temporary directory is the tool's, as it is a native
 * tool's: what it writes there is where the user looks. */
static int temp_dir(struct plan *p, const char *dir, int pass,
		    struct tbx_err *e)
{
	char lexical[PATH_MAX], real[PATH_MAX];
	struct stat st;

	if (!dir || dir[0] != '/' ||
	    argpaths_normalize("/", dir, lexical) < 0 ||
	    !strcmp(lexical, "/") || argpaths_image_dir(lexical) ||
	    !directory(lexical, &st, real) || holds_home(lexical, real) ||
	    refusal(lexical, real))
		return 0;
	if (pass && p->npassenv < PLAN_MAX_PASSENV)
		p->passenv[p->npassenv++] = "TMPDIR";
	if (mountset_shows(p, lexical))
		return 0;
	return show(p, lexical, real, &st, 0, e) ? 0 : -1;
}

int argpaths_plan(struct plan *p, struct tbx_err *e)
{
	const struct plan_request *req = p->req;

	if (temp_dir(p, "/tmp", 0, e) < 0 ||
	    temp_dir(p, getenv("TMPDIR"), 1, e) < 0)
		return -1;
	remotes(p);
	for (int i = 0; i < req->nargs; i++) {
		const char *v = named(req->args[i]);

		if (v && one_path(p, req->args[i], v, e) < 0)
			return -1;
	}
	return 0;
}
