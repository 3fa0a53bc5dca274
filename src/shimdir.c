/* Listing the shims directory. */
#include "shimdir.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "util.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct shim_entry *)a)->name,
		      ((const struct shim_entry *)b)->name);
}

int shimdir_read(const char *dir, struct shim_set *set, struct tbx_err *e)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t cap = 0;

	set->v = NULL;
	set->n = 0;
	if (!d)
		return errno == ENOENT ? 0
				       : err_sys(e, TBX_EXIT_FAIL, "%s", dir);
	while ((de = readdir(d))) {
		struct shim_entry en;
		int r;

		if (de->d_name[0] == '.')
			continue;
		en.name = xstrdup(de->d_name);
		en.path = xfmt("%s/%s", dir, de->d_name);
		r = shimfile_read(en.path, &en.shim, e);
		if (r <= 0) {
			free(en.name);
			free(en.path);
			if (r < 0) {
				closedir(d);
				shimdir_free(set);
				return -1;
			}
			continue;
		}
		if (set->n == cap) {
			cap = cap ? 2 * cap : 16;
			set->v = xrealloc(set->v, cap * sizeof(*set->v));
		}
		set->v[set->n++] = en;
	}
	closedir(d);
	if (set->n)
		qsort(set->v, set->n, sizeof(*set->v), by_name);
	return 0;
}

const struct shim_entry *shimdir_get(const struct shim_set *set,
				     const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->v[i].name, name))
			return &set->v[i];
	return NULL;
}

const struct shim_entry *shimdir_tool(const struct shim_set *set,
				      const char *tool)
{
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->v[i].shim.spec.tool, tool))
			return &set->v[i];
	return NULL;
}

int shimdir_current(const struct shim_entry *en)
{
	struct tool *t;
	struct spec s;
	struct tbx_err e;
	int r = 0;

	if (catalog_find(en->shim.spec.tool, &t, &e) < 0)
		return -1;
	for (size_t i = 0; i < t->commands.n && !r; i++)
		r = !strcmp(t->commands.v[i], en->name) &&
		    catalog_spec(t, en->name, &s, &e) == 0 &&
		    shimfile_current(en->path, &s);
	tool_free(t);
	return r;
}

void shimdir_stale(const struct shim_set *set, struct strv *stale,
		   struct strv *gone)
{
	for (size_t i = 0; i < set->n; i++) {
		const char *tool = set->v[i].shim.spec.tool;
		int current;

		if (strv_has(stale, tool) ||
		    (current = shimdir_current(&set->v[i])) == 1)
			continue;
		strv_push(stale, xstrdup(tool));
		if (current < 0 && gone)
			strv_push(gone, xstrdup(tool));
	}
}

void shimdir_free(struct shim_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free(set->v[i].name);
		free(set->v[i].path);
		shimfile_free(&set->v[i].shim);
	}
	free(set->v);
	set->v = NULL;
	set->n = 0;
}
