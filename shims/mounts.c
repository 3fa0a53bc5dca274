/* The mount and variable policy of a plan. */
#include "mounts.h"

#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "base/hostmount.h"
#include "argpaths.h"
#include "gitglobal.h"
#include "mountset.h"
#include "settings.h"

static int name_char(char c, int first)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	       (!first && c >= '0' && c <= '9');
}

/* The length of a "${NAME}" at c, 0 when c does not start one. */
static size_t reference(const char *c)
{
	size_t n = 0;

	if (c[0] != '$' || c[1] != '{' || !name_char(c[2], 1))
		return 0;
	while (name_char(c[2 + n], 0))
		n++;
	return c[2 + n] == '}' ? n + 3 : 0;
}

/* The caller's value of the variable that the reference at c (len bytes)
 * names, "" when unset; a name of any length. ${HOME} is the container's
 * HOME. */
static const char *value_of(const struct plan *p, const char *c, size_t len)
{
	extern char **environ;
	size_t n = len - 3;

	if (n == 4 && !strncmp(c + 2, "HOME", 4))
		return p->home;

	for (char **v = environ; *v; v++)
		if (!strncmp(*v, c + 2, n) && (*v)[n] == '=')
			return *v + n + 1;
	return "";
}

/* A catalog env item with each ${NAME} replaced by the caller's value of
 * NAME (empty when unset), so that an entry can add to a variable the user
 * sets, as in MAVEN_OPTS="-Duser.home=/var/maven ${MAVEN_OPTS}". Any other
 * '$' stays as it is. NULL when out of memory. */
static const char *expand_env(struct plan *p, const char *item)
{
	size_t n = 0, ref;
	char *out, *o;

	if (!strstr(item, "${"))
		return item;
	for (const char *c = item; *c; c += ref ? ref : 1) {
		ref = reference(c);
		n += ref ? strlen(value_of(p, c, ref)) : 1;
	}
	out = o = arena_alloc(&p->arena, n + 1);
	if (!out)
		return NULL;
	for (const char *c = item; *c; c += ref ? ref : 1) {
		ref = reference(c);
		if (ref)
			o = stpcpy(o, value_of(p, c, ref));
		else
			*o++ = *c;
	}
	*o = '\0';
	return out;
}

/* A catalog mount "host:container[:ro|:rw]"; "~" starts host paths in the
 * caller's home. A host path that does not exist is skipped (the engine
 * would otherwise create it, owned by root). */
static int extra_mount(struct plan *p, const char *m, struct tbx_err *e)
{
	const char *dst = strchr(m, ':'), *mode, *why, *to;
	struct plan_mount *out;
	char *host, real[PATH_MAX];
	struct stat st;

	if (!dst)
		return err_set(e, TBX_EXIT_FAIL, "mount '%s' has no ':'", m);
	mode = strchr(dst + 1, ':');
	host = mountset_host_path(p, m, (size_t)(dst - m), &why);
	if (!host)
		return err_set(e, TBX_EXIT_FAIL, "mount '%s' %s", m, why);
	to = mode ? arena_printf(&p->arena, "%.*s", (int)(mode - dst - 1),
				 dst + 1)
		  : dst + 1;
	if (!to)
		return err_set(e, TBX_EXIT_FAIL, "out of memory");
	if (strlen(to) >= PATH_MAX)
		return err_set(e, TBX_EXIT_FAIL, "mount '%s' too long", m);
	if (stat(host, &st) < 0 || !realpath(host, real))
		return 0;
	mountset_stamp(p, &st);
	/* the engine mounts what was checked, not a link to it */
	out = mountset_add(p, arena_printf(&p->arena, "%s", real), to,
			   mode && !strcmp(mode, ":ro"), e);
	return out ? 0 : -1;
}

/* A variable naming a unix socket (an agent's) that the tool may use: the
 * socket is mounted at a fixed path and the variable points there. */
static int socket_mount(struct plan *p, const char *name, struct tbx_err *e)
{
	const char *path = getenv(name);
	struct plan_socket *s = &p->socket[p->nsockets];
	struct stat st;

	if (!path || path[0] != '/' || stat(path, &st) < 0 ||
	    !S_ISSOCK(st.st_mode))
		return 0;
	mountset_stamp(p, &st);
	s->env = arena_printf(&p->arena, "%s=/run/tbx/%s", name, name);
	if (!s->env)
		return err_set(e, TBX_EXIT_FAIL, "out of memory");
	s->mount = (struct plan_mount){.src = path,
				       .dst = s->env + strlen(name) + 1};
	p->nsockets++;
	return 0;
}

/* Every path the engine is given to mount, in a form it can take. */
static int sayable(const struct plan *p, struct tbx_err *e)
{
	const char *path[3 + 2 * (PLAN_MAX_MOUNTS + PLAN_MAX_SHARED)];
	size_t n = 0;
	const char *why;

	if (p->project.root[0])
		path[n++] = p->project.root;
	if (p->project.gitdir[0])
		path[n++] = p->project.gitdir;
	if (!p->container[0])
		path[n++] = p->host_home;
	for (size_t i = 0; i < p->nshared; i++) {
		path[n++] = p->shared[i].src;
		path[n++] = p->shared[i].dst;
	}
	for (unsigned i = 0; i < p->nmounts; i++) {
		path[n++] = p->mount[i].src;
		path[n++] = p->mount[i].dst;
	}
	for (size_t i = 0; i < n; i++)
		if ((why = hostmount_unsayable(path[i]))) {
			int cut = strlen(path[i]) > 200;

			return err_set(
				e, TBX_EXIT_FAIL,
				"cannot mount '%.*s%s': it %s; rename it",
				cut ? 200 : (int)strlen(path[i]), path[i],
				cut ? "..." : "", why);
		}
	return 0;
}

/* A worktree's main git directory is mounted where no named path could
 * be: never a refused path or a directory of the image. */
static void git_dir(struct plan *p)
{
	char *dir = p->project.gitdir;
	struct stat st;

	if (!dir[0])
		return;
	if (argpaths_image_dir(dir) || hostmount_refused(dir) ||
	    stat(dir, &st) < 0)
		dir[0] = '\0';
	else
		mountset_stamp(p, &st);
}

/* The user's environment that every native tool sees, as the terminal's
 * TERM: the editor, the pager, the language and the time zone, unless the
 * catalog entry sets them. */
static int user_env(struct plan *p, struct tbx_err *e)
{
	static const char *const names[] = {
		"EDITOR", "VISUAL", "PAGER", "LESS", "LANG", "LANGUAGE", "TZ"};
	extern char **environ;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (getenv(names[i]) &&
		    !mountset_env_has(p, names[i], strlen(names[i])))
			p->passenv[p->npassenv++] = names[i];
	for (char **v = environ; *v; v++) {
		size_t n = strcspn(*v, "=");

		if (strncmp(*v, "LC_", 3) || !(*v)[n] ||
		    p->npassenv == PLAN_MAX_PASSENV ||
		    mountset_env_has(p, *v, n))
			continue;
		if (!(p->passenv[p->npassenv++] =
			      arena_printf(&p->arena, "%.*s", (int)n, *v)))
			return err_set(e, TBX_EXIT_FAIL, "out of memory");
	}
	return 0;
}

int mounts_plan(struct plan *p, struct tbx_err *e)
{
	const struct spec *s = &p->spec;

	for (unsigned i = 0; i < s->env.n; i++)
		if (!(p->env[p->nenv++] = expand_env(p, s->env.item[i])))
			return err_set(e, TBX_EXIT_FAIL, "out of memory");
	for (unsigned i = 0; i < s->passenv.n; i++)
		if (getenv(s->passenv.item[i]))
			p->passenv[p->npassenv++] = s->passenv.item[i];
	if (user_env(p, e) < 0)
		return -1;
	/* in a CI container the tool shares its volumes: no host paths */
	if (p->container[0])
		return sayable(p, e);
	git_dir(p);
	for (unsigned i = 0; i < s->mounts.n; i++)
		if (extra_mount(p, s->mounts.item[i], e) < 0)
			return -1;
	if (settings_plan(p, e) < 0 || gitglobal_plan(p, e) < 0 ||
	    argpaths_plan(p, e) < 0)
		return -1;
	for (unsigned i = 0; i < s->sockets.n; i++)
		if (socket_mount(p, s->sockets.item[i], e) < 0)
			return -1;
	for (int i = 0; s->passwd && i < 2; i++) {
		const char *name = i ? "group" : "passwd";
		struct plan_mount *m = &p->passwd[p->npasswd++];

		m->src = arena_printf(&p->arena, "%s/%s", p->tool_dir, name);
		m->dst = i ? "/etc/group" : "/etc/passwd";
		m->ro = 1;
		if (!m->src)
			return err_set(e, TBX_EXIT_FAIL, "out of memory");
	}
	return sayable(p, e);
}

int mounts_trusted(struct plan *p, struct tbx_err *e)
{
	if (p->ov.nmounts && p->container[0])
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s: mounts cannot be made from inside a container",
			p->project.toolbox);
	for (unsigned i = 0; i < p->ov.nmounts; i++) {
		const char *m = p->ov.mount[i], *why;
		size_t n = strcspn(m, ":");
		char *host = mountset_host_path(p, m, n, &why),
		     buf[PATH_MAX + 80];
		int missing;

		if (!host)
			return err_set(e, TBX_EXIT_FAIL, "%s: mount '%s' %s",
				       p->project.toolbox, m, why);
		why = hostmount_trusted_refused(m, host, p->project.root, buf,
						sizeof(buf), &missing);
		if (missing)
			continue; /* skipped like any missing mount */
		if (why)
			return err_set(
				e, TBX_EXIT_FAIL,
				"%s: mount '%s' %s: refused even when trusted",
				p->project.toolbox, m, why);
		if (p->spec.mounts.n == SPEC_MAX_LIST)
			return err_set(e, TBX_EXIT_FAIL, "too many mounts");
		p->spec.mounts.item[p->spec.mounts.n++] = m;
	}
	return 0;
}
