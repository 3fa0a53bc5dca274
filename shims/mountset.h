/* A plan's list of mounts: adding to it, and what it already shows; and
 * what the container's environment already names, which the planners of
 * mounts and settings both ask. */
#ifndef TBX_MOUNTSET_H
#define TBX_MOUNTSET_H

#include <sys/stat.h>

#include "plan.h"

/* Add src (a host path) at dst; NULL when out of room or memory, with e. */
struct plan_mount *mountset_add(struct plan *p, const char *src,
				const char *dst, int ro, struct tbx_err *e);

/* Whether the container sees host path at the same path: it lies in the
 * project, the repository's git directory, or a mount of the plan. */
int mountset_shows(const struct plan *p, const char *path);

/* Keep the identity of a host file the container is given. */
void mountset_stamp(struct plan *p, const struct stat *st);

/* The host path of the first n bytes of a path, a leading "~" standing
 * for HOME. NULL when out of memory, or with *why. */
char *mountset_host_path(struct plan *p, const char *m, size_t n,
			 const char **why);

/* Whether the first n bytes of name are a variable the plan sets or
 * passes already. */
int mountset_env_has(const struct plan *p, const char *name, size_t n);

#endif
