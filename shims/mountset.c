/* A plan's list of mounts. */
#include "mountset.h"

#include <stdlib.h>
#include <string.h>

#include "base/path.h"

struct plan_mount *mountset_add(struct plan *p, const char *src,
				const char *dst, int ro, struct tbx_err *e)
{
	struct plan_mount *m = &p->mount[p->nmounts];

	if (p->nmounts == PLAN_MAX_MOUNTS) {
		err_set(e, TBX_EXIT_FAIL, "too many mounts");
		return NULL;
	}
	if (!src || !dst) {
		err_set(e, TBX_EXIT_FAIL, "out of memory");
		return NULL;
	}
	*m = (struct plan_mount){src, dst, ro, 0, 0};
	p->nmounts++;
	return m;
}

int mountset_shows(const struct plan *p, const char *path)
{
	if ((p->project.root[0] && path_within(path, p->project.root)) ||
	    (p->project.gitdir[0] && path_within(path, p->project.gitdir)))
		return 1;
	for (unsigned i = 0; i < p->nmounts; i++)
		if (path_within(path, p->mount[i].dst))
			return 1;
	return 0;
}

void mountset_stamp(struct plan *p, const struct stat *st)
{
	if (p->nstamps < sizeof(p->stamp) / sizeof(p->stamp[0]))
		p->stamp[p->nstamps++] = (struct plan_stamp){
			(unsigned long)st->st_dev, (unsigned long)st->st_ino};
}

char *mountset_host_path(struct plan *p, const char *m, size_t n,
			 const char **why)
{
	const char *home = getenv("HOME");
	char *host;

	if (m[0] == '~' && (n == 1 || m[1] == '/')) {
		if (!home || home[0] != '/') {
			*why = "needs HOME";
			return NULL;
		}
		host = arena_printf(&p->arena, "%s%.*s", home, (int)n - 1,
				    m + 1);
	} else {
		host = arena_printf(&p->arena, "%.*s", (int)n, m);
	}
	*why = host ? "too long" : "out of memory";
	return host && strlen(host) < PATH_MAX ? host : NULL;
}

int mountset_env_has(const struct plan *p, const char *name, size_t n)
{
	for (unsigned i = 0; i < p->nenv; i++)
		if (!strncmp(p->env[i], name, n) && p->env[i][n] == '=')
			return 1;
	for (unsigned i = 0; i < p->npassenv; i++)
		if (!strncmp(p->passenv[i], name, n) && !p->passenv[i][n])
			return 1;
	return 0;
}
