/* tbx versions: the release versions a tool's registry offers, newest
 * first, as a pin can ask for them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmds.h"
#include "base/ref.h"
#include "registry.h"
#include "version.h"

static int newest_first(const void *a, const void *b)
{
	return version_cmp(*(char *const *)b, *(char *const *)a);
}

int cmd_versions(int argc, char **argv)
{
	struct strv tags = {0}, versions = {0};
	struct registry *rg = NULL;
	struct tool *t = NULL;
	struct tbx_err e;
	char why_buf[512], v[256];
	const char *why;
	struct ref r;
	int status = 0;

	if (argc != 1 || argv[0][0] == '-')
		return cmd_usage("versions");
	if (catalog_find_arg(argv[0], &t, &e) < 0)
		return cmd_fail(argv[0], &e);
	if (ref_parse(t->image, &r, why_buf, sizeof(why_buf), &why) < 0) {
		err_set(&e, TBX_EXIT_FAIL, "image %s: %s", t->image, why);
		goto fail;
	}
	rg = registry_new(&e);
	if (!rg || registry_tags(rg, &r, &tags, &e) < 0)
		goto fail;
	for (size_t i = 0; i < tags.n; i++)
		if (version_from_tag(t->tag, tags.v[i], v, sizeof(v)) == 0 &&
		    version_is_release(v) && !strv_has(&versions, v))
			strv_push(&versions, xstrdup(v));
	if (!versions.n) {
		err_set(&e, TBX_EXIT_FAIL,
			"%s has no tag the template '%s' reads a release version from (of %zu tags)",
			t->image, t->tag, tags.n);
		goto fail;
	}
	qsort(versions.v, versions.n, sizeof(*versions.v), newest_first);
	for (size_t i = 0; i < versions.n; i++)
		printf("%s\n", versions.v[i]);
	goto out;
fail:
	status = cmd_fail(t->name, &e);
out:
	registry_free(rg);
	strv_free(&tags);
	strv_free(&versions);
	tool_free(t);
	return status;
}
