/* The shims directory as a set of installed shims. */
#ifndef TBX_SHIMDIR_H
#define TBX_SHIMDIR_H

#include <stddef.h>

#include "base/err.h"
#include "shimfile.h"

struct strv;

struct shim_entry {
	char *name; /* file name = command */
	char *path;
	struct shim shim;
};

struct shim_set {
	struct shim_entry *v;
	size_t n;
};

/* Read every tbx shim in dir, sorted by name; other files are ignored and a
 * missing dir is an empty set. Caller frees with shimdir_free. */
int shimdir_read(const char *dir, struct shim_set *set, struct tbx_err *e);

/* The entry for a command, or NULL. */
const struct shim_entry *shimdir_get(const struct shim_set *set,
				     const char *name);

/* The first entry of tool's shims, or NULL when it has none. */
const struct shim_entry *shimdir_tool(const struct shim_set *set,
				      const char *tool);

/* Whether en is what 'tbx install' writes for its tool now: 1, 0 when it
 * is stale (the catalog entry or tbx changed since, or the entry no longer
 * has its command), -1 when the catalog no longer has its tool. */
int shimdir_current(const struct shim_entry *en);

/* The tools of set one of whose shims is not current, each once and in
 * the set's order, into stale; those the catalog no longer has into gone
 * as well, unless it is NULL. */
void shimdir_stale(const struct shim_set *set, struct strv *stale,
		   struct strv *gone);

void shimdir_free(struct shim_set *set);

#endif
