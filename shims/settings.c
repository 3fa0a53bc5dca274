/* The user's settings and caches, mounted at their own paths. */
#include "settings.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/hostmount.h"
#include "base/inifile.h"
#include "base/path.h"
#include "mountset.h"

/* An INI setting's ~/ paths are followed this deep (git's includes). */
#define SETTINGS_DEPTH 3

#define LOCALTIME_PATH "/run/tbx/localtime"

/* The ~/ paths one INI setting names, at most this many. */
#define SETTINGS_NAMED 16

struct follow {
	struct plan *p;
	const char *named[SETTINGS_NAMED];
	unsigned n;
};

static int one_setting(struct plan *p, const char *host, int ini, int depth,
		       struct tbx_err *e);

/* Whether st is the caller's (or, when root may, root's). */
static int owned(const struct stat *st, int root_may)
{
	return st->st_uid == getuid() || (root_may && st->st_uid == 0);
}

/* Whether host is the user's own (dir: a directory; root_may: or root's),
 * as named and as resolved into real, with st: 1; 0 when it is not
 * there or not theirs, which the tool's HOME then stands for; -1 with e
 * when it is theirs but must not be mounted. */
static int users(const char *host, int dir, int root_may, struct stat *st,
		 char *real, struct tbx_err *e)
{
	struct stat link;
	const char *why;

	if (lstat(host, &link) < 0 || stat(host, st) < 0 ||
	    (dir && !S_ISDIR(st->st_mode)) || !owned(&link, root_may) ||
	    !owned(st, root_may) || !realpath(host, real))
		return 0;
	if ((why = hostmount_refused(real)))
		return err_set(
			e, TBX_EXIT_FAIL,
			"cannot give the tool your %s: it %s; remove it or move it",
			host, why);
	return 1;
}

/* A value of an INI setting that names a path in the caller's home:
 * "~/..." or "$HOME/...", quoted or not. */
static const char *home_value(struct plan *p, const char *v)
{
	const char *home = getenv("HOME");
	size_t n = strlen(v);
	int quoted = n >= 2 && v[0] == '"' && v[n - 1] == '"';
	const char *why;

	if (quoted) {
		v++;
		n -= 2;
	}
	if (n > 2 && v[0] == '~' && v[1] == '/')
		return mountset_host_path(p, v, n, &why);
	if (path_within(v, home) && n > strlen(home) + 1)
		return arena_printf(&p->arena, "%.*s", (int)n, v);
	return NULL;
}

static const char *on_value(void *user, const char *section, const char *key,
			    const char *value)
{
	struct follow *f = user;
	const char *host = home_value(f->p, value);

	(void)section;
	(void)key;
	if (host && f->n < SETTINGS_NAMED)
		f->named[f->n++] = host;
	return NULL;
}

/* The ~/ paths an INI file names, as settings too: git's include.path,
 * core.excludesFile, commit.template. A file that is not INI names
 * nothing. */
static int follow(struct plan *p, const char *file, int depth,
		  struct tbx_err *e)
{
	static char text[INI_MAX_SIZE + 2];
	struct follow f = {.p = p};
	struct tbx_err ignored;

	/* text is read again by the files this one names */
	if (ini_read(file, text, sizeof(text), &ignored) != 0)
		return 0;
	ini_each(text, file, on_value, &f, &ignored);
	for (unsigned i = 0; i < f.n; i++)
		if (one_setting(p, f.named[i], 1, depth + 1, e) < 0)
			return -1;
	return 0;
}

static int one_setting(struct plan *p, const char *host, int ini, int depth,
		       struct tbx_err *e)
{
	char real[PATH_MAX];
	struct stat link, st;
	int r;

	if (mountset_shows(p, host))
		return 0;
	if (lstat(host, &link) < 0 && ini && depth == 0) {
		/* shown empty: the tool reads what a native one would, and
		 * what it writes there fails instead of landing in its
		 * own HOME */
		struct plan_mount *m = mountset_add(
			p, arena_printf(&p->arena, "%s/empty", p->tool_dir),
			host, 1, e);

		if (m)
			m->make = PLAN_MAKE_EMPTY;
		return m ? 0 : -1;
	}
	if ((r = users(host, 0, 1, &st, real, e)) <= 0)
		return r;
	mountset_stamp(p, &st);
	if (!mountset_add(p, arena_printf(&p->arena, "%s", real), host, 1, e))
		return -1;
	return ini && S_ISREG(st.st_mode) && depth < SETTINGS_DEPTH
		       ? follow(p, real, depth, e)
		       : 0;
}

/* A cache the user owns, or will: a directory of another's, or a file,
 * is left alone and the tool's own HOME keeps its cache. */
static int one_cache(struct plan *p, const char *host, struct tbx_err *e)
{
	char real[PATH_MAX];
	struct stat link, st;
	struct plan_mount *m;
	const char *src = host;

	if (mountset_shows(p, host))
		return 0;
	if (lstat(host, &link) == 0) {
		int r = users(host, 1, 0, &st, real, e);

		if (r <= 0)
			return r;
		src = arena_printf(&p->arena, "%s", real);
	}
	/* made when missing, and known to a kept container's key by what
	 * it is when the call starts, made or not */
	m = mountset_add(p, src, host, 0, e);
	if (m)
		m->make = PLAN_MAKE_DIR;
	return m ? 0 : -1;
}

/* The host's time zone, when TZ does not name one: its zone file, which
 * every libc reads from a TZ of ":<path>" whether the image has zone
 * data or not. */
static int local_time(struct plan *p, struct tbx_err *e)
{
	char real[PATH_MAX];
	struct stat st;

	if (getenv("TZ") || mountset_env_has(p, "TZ", 2) ||
	    p->nenv == SPEC_MAX_LIST || !realpath("/etc/localtime", real) ||
	    stat(real, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	mountset_stamp(p, &st);
	if (!mountset_add(p, arena_printf(&p->arena, "%s", real),
			  LOCALTIME_PATH, 1, e))
		return -1;
	p->env[p->nenv++] = "TZ=:" LOCALTIME_PATH;
	return 0;
}

int settings_plan(struct plan *p, struct tbx_err *e)
{
	const struct spec *s = &p->spec;
	const char *home = getenv("HOME"), *why;

	if (local_time(p, e) < 0)
		return -1;
	/* "~/" means the same path inside and out only when the container's
	 * HOME is the caller's */
	if (!home || strcmp(p->home, home))
		return 0;
	for (unsigned i = 0; i < s->settings.n; i++) {
		const char *item = s->settings.item[i];
		size_t n = strlen(item);
		int ini = n > 4 && !strcmp(item + n - 4, ":ini");
		char *host = mountset_host_path(p, item, ini ? n - 4 : n, &why);

		if (!host)
			return err_set(e, TBX_EXIT_FAIL, "setting '%s' %s",
				       item, why);
		if (one_setting(p, host, ini, 0, e) < 0)
			return -1;
	}
	for (unsigned i = 0; i < s->caches.n; i++) {
		const char *item = s->caches.item[i];
		char *host = mountset_host_path(p, item, strlen(item), &why);

		if (!host)
			return err_set(e, TBX_EXIT_FAIL, "cache '%s' %s", item,
				       why);
		if (one_cache(p, host, e) < 0)
			return -1;
	}
	return 0;
}
